/**
 * `signoff run` with the check families, as a user runs it: the real CLI, a
 * real sandbox, real faults. Healthy nightly → exit 0 with the probes and API
 * checks passing; LDAP down → exit 1 with the LDAP checks failed and a
 * complete, valid report; --only-failed re-checks exactly the failed accounts.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signoff } from '../support/cli.ts';
import { reportProblems } from '../../src/model/schema.ts';
import type { RunReport } from '../../src/model/types.ts';

const NAME = `rfcli${process.pid}`.slice(0, 24);
let out: string;


async function runSuite(args: string[]): Promise<{ code: number | null; stderr: string; report: RunReport; runDir: string }> {
  const result = await signoff(['run', ...args, '--json', '--out', out]);
  const line = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { runDir: string };
  const report = JSON.parse(readFileSync(path.join(line.runDir, 'report.json'), 'utf8')) as RunReport;
  return { code: result.code, stderr: result.stderr, report, runDir: line.runDir };
}

const statuses = (report: RunReport, family: string) => report.checks.filter((c) => c.family === family).map((c) => c.status);

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'signoff-run-families-'));
  const up = await signoff(['sandbox', 'up', '--name', NAME]);
  if (up.code !== 0) throw new Error(`sandbox up failed: ${up.stderr}`);
}, 180_000);

afterAll(async () => {
  await signoff(['sandbox', 'down', '--name', NAME]);
  await rm(out, { recursive: true, force: true });
}, 120_000);

describe('signoff run with the check families', () => {
  it(
    'runs the nightly suite on a sandbox started for the run: exit 0, LDAP, IMAP and API checks passed before the load',
    async () => {
      const { code, stderr, report } = await runSuite(['suites/nightly.ts', '--target', 'sandbox']);
      expect(stderr).not.toContain('INTERNAL');
      expect(reportProblems(report)).toEqual([]);
      expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
      expect(code).toBe(0);
      for (const family of ['ldap', 'imap', 'api']) expect(statuses(report, family).length, family).toBeGreaterThan(0);
      const order = [...new Set(report.checks.map((c) => c.family))];
      expect(order).toEqual(['ldap', 'imap', 'api', 'load', 'cluster'].filter((f) => (order as string[]).includes(f)));
      expect(report.artifacts.map((a) => a.path)).toEqual(expect.arrayContaining(['evidence/imap/capability-matrix.json', 'evidence/ldap/summary.json']));
      expect(report.requirements.map((r) => r.id)).toEqual(expect.arrayContaining(['REQ-IMAP-01', 'REQ-LDAP-01']));
    },
    420_000,
  );

  it(
    'with LDAP down on a running sandbox: exit 1, LDAP checks failed, every family still reported, the report valid',
    async () => {
      const fault = await signoff(['sandbox', 'fault', 'ldap-down', '--name', NAME]);
      expect(fault.code).toBe(0);
      try {
        const { code, report } = await runSuite(['test/fixtures/suites/probes-only.ts', '--target', `sandbox:${NAME}`]);
        expect(reportProblems(report)).toEqual([]);
        expect(report.run.status).toBe('failed');
        expect(code).toBe(1);
        expect(report.checks.find((c) => c.id === 'ldap.connection')?.status).toBe('failed');
        expect(statuses(report, 'ldap')).not.toContain('passed');
        for (const family of ['ldap', 'imap', 'accounts', 'api']) expect(statuses(report, family).length, family).toBeGreaterThan(0);
        expect(report.checks.filter((c) => c.status === 'error').map((c) => c.id)).toEqual([]);
      } finally {
        await signoff(['sandbox', 'fault', 'clear', '--name', NAME]);
      }
    },
    300_000,
  );

  it(
    '--only-failed re-checks just the accounts that failed before, and says so in the deviations',
    async () => {
      await signoff(['sandbox', 'fault', 'ldap-down', '--name', NAME]);
      let failedRun: string;
      try {
        failedRun = (await runSuite(['test/fixtures/suites/probes-only.ts', '--target', `sandbox:${NAME}`])).runDir;
      } finally {
        await signoff(['sandbox', 'fault', 'clear', '--name', NAME]);
      }
      const { code, report } = await runSuite(['test/fixtures/suites/probes-only.ts', '--target', `sandbox:${NAME}`, '--only-failed', path.join(failedRun, 'report.json')]);
      expect(reportProblems(report)).toEqual([]);
      expect([...new Set(report.checks.map((c) => c.family))]).toEqual(['accounts']);
      expect(report.checks.find((c) => c.id === 'accounts.verified')?.criteria[0]?.measured).toBe('50 of 50');
      expect(report.deviations.map((d) => d.id)).toEqual(['accounts.only-failed']);
      expect(code).toBe(0);
    },
    300_000,
  );

  it('refuses --only-failed for a suite without accounts checks, as a usage error', async () => {
    const result = await signoff(['run', 'suites/nightly.ts', '--only-failed', 'nowhere.json', '--json', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no checks.accounts to re-run');
  });
});
