/**
 * `signoff run` as a user runs it: a real child process, real files, real
 * signals; assertions on the exit code and the run folder it leaves.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportProblems } from '../../src/model/schema.ts';
import type { RunReport } from '../../src/model/types.ts';
import { tempProject } from '../config/temp-project.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COMMAND = [path.join(ROOT, 'scripts/signoff'), 'run'];

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function signoffRun(args: string[], cwd: string, onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<Result> {
  const [bin, ...pre] = COMMAND as [string, ...string[]];
  const child = spawn(bin, [...pre, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function lastJsonLine(stdout: string): { runDir: string; status: string; exitCode: number } {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines.at(-1)!) as never;
}

const CONFIG = `export default { targets: { local: { baseUrl: 'http://127.0.0.1:9' } }, defaultTarget: 'local' };\n`;
const SLEEPY_SUITE = `import { setTimeout } from 'node:timers/promises';
export default {
  name: 'sleepy', title: 'Sleeps until stopped', requirements: ['REQ-API-01'],
  custom: [
    { id: 'quick', title: 'Quick check', family: 'api', run: async () => ({ criteria: [{ name: 'ok', expected: 'yes', measured: 'yes', passed: true }] }) },
    { id: 'sleeper', title: 'Sleeps', family: 'api', requirementIds: ['REQ-API-01'], run: async (ctx) => {
      ctx.log('sleeping now');
      await setTimeout(600_000, undefined, { signal: ctx.signal });
      return { criteria: [] };
    } },
    { id: 'after', title: 'Never reached', family: 'api', run: async () => ({ criteria: [] }) },
  ],
};
`;

describe('signoff run', () => {
  it('on SIGINT stops the running task, writes a partial report, completes the run folder and exits 130', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/sleepy.ts': SLEEPY_SUITE });
    let sent = false;
    const result = await signoffRun(['suites/sleepy.ts', '--json'], dir, (stderr, child) => {
      if (!sent && stderr.includes('sleeping now')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(result.code).toBe(130);
    const line = lastJsonLine(result.stdout);
    expect(line.status).toBe('interrupted');
    expect(readdirSync(path.join(dir, 'runs'))).toEqual([path.basename(line.runDir)]);
    const report = JSON.parse(readFileSync(path.join(line.runDir, 'report.json'), 'utf8')) as RunReport;
    expect(reportProblems(report)).toEqual([]);
    expect(report.run).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED', phase: 'custom.sleeper run' } });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['custom.quick', 'passed'],
      ['custom.sleeper', 'error'],
      ['custom.after', 'skipped'],
    ]);
    expect(existsSync(path.join(line.runDir, 'junit.xml'))).toBe(true);
  });

  it('prints exactly one JSON line on stdout with --json and exits 1 when a check fails', async () => {
    const suite = SLEEPY_SUITE.replace(/\{ id: 'sleeper'[\s\S]*?\} \},\n/, '').replace("measured: 'yes', passed: true", "measured: 'no', passed: false");
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/sleepy.ts': suite });
    const result = await signoffRun(['suites/sleepy.ts', '--json', '--reporter', 'json'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(lastJsonLine(result.stdout)).toMatchObject({ status: 'failed', exitCode: 1 });
    // The run ends in its (unsigned: no key configured) protocol, even when a check failed.
    expect(readdirSync(lastJsonLine(result.stdout).runDir)).toEqual(['manifest.json', 'protocol.html', 'protocol.pdf', 'report.json', 'summary.md']);
    expect(lastJsonLine(result.stdout)).toMatchObject({ protocol: path.join(lastJsonLine(result.stdout).runDir, 'protocol.pdf') });
  });

  it('writes no protocol with --no-protocol', async () => {
    const suite = SLEEPY_SUITE.replace(/\{ id: 'sleeper'[\s\S]*?\} \},\n/, '');
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/sleepy.ts': suite });
    const result = await signoffRun(['suites/sleepy.ts', '--json', '--reporter', 'json', '--no-protocol'], dir);
    expect(result.code).toBe(0);
    expect(readdirSync(lastJsonLine(result.stdout).runDir)).toEqual(['report.json']);
  });

  it('exits 2 with the file and path of a config error, before creating a run folder', async () => {
    const dir = tempProject({ 'signoff.config.ts': `export default { targets: { local: { baseUrl: 'http://127.0.0.1:9', allowload: true } } };\n`, 'suites/sleepy.ts': SLEEPY_SUITE });
    const result = await signoffRun(['suites/sleepy.ts', '--target', 'local'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CONFIG_INVALID: signoff.config.ts: targets.local.allowload: unknown key "allowload"');
    expect(existsSync(path.join(dir, 'runs'))).toBe(false);
  });

  it('refuses an unknown reporter as a usage error', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/sleepy.ts': SLEEPY_SUITE });
    const result = await signoffRun(['suites/sleepy.ts', '--reporter', 'console,allure'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reporter allure: unknown reporter; built in: console, json, junit');
  });

  it(
    'runs the nightly suite on a sandbox started for the run: exit 0, valid report.json and junit.xml from a real k6 run',
    async () => {
      const out = tempProject({});
      const result = await signoffRun(['suites/nightly.ts', '--target', 'sandbox', '--json', '--out', path.join(out, 'runs')], ROOT);
      expect(result.stderr).not.toContain('INTERNAL');
      const line = lastJsonLine(result.stdout);
      expect([result.code, line.status]).toEqual([0, 'passed']);
      const report = JSON.parse(readFileSync(path.join(line.runDir, 'report.json'), 'utf8')) as RunReport;
      expect(reportProblems(report)).toEqual([]);
      expect(report.target.kind).toBe('sandbox');
      expect(report.load[0]?.totals.requests).toBeGreaterThan(0);
      expect(report.run.toolVersions.k6).toMatch(/^\d+\.\d+\.\d+/);
      expect(report.artifacts.map((a) => a.path)).toEqual(expect.arrayContaining(['load/webmail/k6.log', 'load/webmail/webmail-user.js']));
      const junit = readFileSync(path.join(line.runDir, 'junit.xml'), 'utf8');
      expect(junit.match(/<testcase /g)).toHaveLength(report.checks.length);
    },
    300_000,
  );
});
