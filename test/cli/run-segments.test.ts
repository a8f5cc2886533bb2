/**
 * `signoff run --segments 2`: the real CLI on a sandbox it starts (and stops)
 * for the run, real k6 twice; the run folder holds one log per segment and
 * report.json one merged LoadResult with the server-side monitoring of both nodes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signoff } from '../support/cli.ts';
import { reportProblems } from '../../src/model/schema.ts';
import type { RunReport } from '../../src/model/types.ts';

const SUITE = 'test/fixtures/suites/load-segments.ts';
const outDirs: string[] = [];


afterAll(async () => {
  for (const dir of outDirs) await rm(dir, { recursive: true, force: true });
});

describe('signoff run --segments', () => {
  it('runs the load as two k6 processes and reports one merged LoadResult with the nodes monitored', { timeout: 300_000 }, async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'signoff-segments-'));
    outDirs.push(out);
    const result = await signoff(['run', SUITE, '--target', 'sandbox', '--segments', '2', '--no-protocol', '--json', '--out', out]);
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    const runDir = (() => {
      try {
        return (JSON.parse(last) as { runDir: string }).runDir;
      } catch {
        throw new Error(`no JSON line on stdout (exit ${result.code}); stderr:\n${result.stderr}`);
      }
    })();
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
    expect(reportProblems(report)).toEqual([]);
    expect(report.load).toHaveLength(1);
    const load = report.load[0]!;
    expect(load.segments).toBe(2);
    expect(load.totals.requests).toBeGreaterThan(0);
    expect(load.totals.sessions).toBeGreaterThanOrEqual(2);
    for (const i of [1, 2]) expect(existsSync(path.join(runDir, `load/webmail/segment-${i}/k6.log`))).toBe(true);
    expect(result.stderr).toContain('as 2 k6 processes');
    expect(load.monitoring?.nodes.map((n) => n.route).sort()).toEqual(['OX1', 'OX2']);
    expect(report.checks.find((c) => c.id === 'cluster.health')?.status).toBe('passed');
  });
});
