/**
 * The bad-input campaign: malformed input to every command, each through the
 * real CLI. Every row states the exit code, the error code and the location
 * the message must name; for every row, a planted secret appears nowhere
 * (stdout, stderr, any file the command left), no stack trace is printed and
 * no half-written run folder is left behind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedRun } from '../fixtures/reports/run-folder.ts';
import { tempProject } from '../config/temp-project.ts';
import { signoff } from '../support/cli.ts';
import { CAMPAIGN, PLANTED, type Row } from './bad-input-rows.ts';

interface Outcome {
  row: Row;
  dir: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Files a row planted itself hold the secret on purpose; what the command wrote must not. */
function writtenFiles(outcome: Outcome, planted: Set<string>): string[] {
  return filesBelow(outcome.dir).filter((f) => !planted.has(f));
}

let outcomes: Outcome[] = [];
let signed: { dir: string; keyDir: string };

beforeAll(async () => {
  signed = await signedRun();
  const limit = pLimit(4);
  outcomes = await Promise.all(
    CAMPAIGN.map((row) =>
      limit(async () => {
        const dir = tempProject(row.files ?? {});
        const ctx = { dir, signedRun: signed.dir, keyDir: signed.keyDir };
        row.setup?.(ctx);
        const result = await signoff(row.args(ctx), { cwd: dir, env: { SIGNOFF_CAMPAIGN_PASSWORD: PLANTED, ...row.env } });
        return { row, dir, ...result };
      }),
    ),
  );
}, 900_000);

describe(`the bad-input campaign (${CAMPAIGN.length} inputs)`, () => {
  it('covers at least 120 inputs across every command', () => {
    expect(CAMPAIGN.length).toBeGreaterThanOrEqual(120);
    const commands = new Set(CAMPAIGN.map((r) => r.group));
    for (const group of ['config', 'suite', 'accounts', 'brand', 'requirements', 'migration', 'scenario', 'flags', 'run-folder', 'sign', 'verify', 'merge', 'k8s', 'sandbox']) expect(commands, group).toContain(group);
  });

  it('gives every input its expected exit code', () => {
    const wrong = outcomes.filter((o) => o.code !== o.row.exit).map((o) => `${o.row.name}: exit ${o.code}, expected ${o.row.exit}\n${o.stderr.slice(0, 400)}`);
    expect(wrong).toEqual([]);
  });

  it('names the error code and the location in every message', () => {
    // verify reports on stdout; errors go to stderr.
    const said = (o: Outcome) => `${o.stdout}${o.stderr}`;
    const located = (o: Outcome) => o.row.where === undefined || (typeof o.row.where === 'string' ? said(o).includes(o.row.where) : o.row.where.test(said(o)));
    const unlocated = outcomes.filter((o) => !said(o).includes(o.row.code) || !located(o)).map((o) => `${o.row.name}: expected ${o.row.code} at ${String(o.row.where)}\n${said(o).slice(0, 400)}`);
    expect(unlocated).toEqual([]);
  });

  it('never crashes: no INTERNAL, no stack trace', () => {
    const crashed = outcomes.filter((o) => /INTERNAL|\n\s+at .+:\d+:\d+\)?\n/.test(o.stderr)).map((o) => `${o.row.name}\n${o.stderr.slice(0, 400)}`);
    expect(crashed).toEqual([]);
  });

  it('never shows the planted secret, in the output or in any file the command wrote', () => {
    const leaks: string[] = [];
    for (const o of outcomes) {
      if (`${o.stdout}${o.stderr}`.includes(PLANTED)) leaks.push(`${o.row.name}: output`);
      const planted = new Set(Object.keys(o.row.files ?? {}).map((f) => path.join(o.dir, f)));
      for (const file of writtenFiles(o, planted)) if (readFileSync(file).includes(PLANTED)) leaks.push(`${o.row.name}: ${path.relative(o.dir, file)}`);
    }
    expect(leaks).toEqual([]);
  });

  it('leaves nothing half-written: no run folder, no partial folder, no protocol files', () => {
    const halfWritten = outcomes.flatMap((o) => {
      const runs = path.join(o.dir, 'runs');
      const left = existsSync(runs) ? readdirSync(runs) : [];
      return left.length > 0 ? [`${o.row.name}: runs/${left.join(', runs/')}`] : [];
    });
    expect(halfWritten).toEqual([]);
  });
});
