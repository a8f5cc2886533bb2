import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.ts';
import { reportProblems } from '../../src/model/schema.ts';
import type { RunReport } from '../../src/model/types.ts';
import { manualClock } from '../../src/runner/clock.ts';
import { executeRun } from '../../src/runner/execute.ts';
import { JsonReporter } from '../../reporters/json.ts';
import { JunitReporter } from '../../reporters/junit.ts';
import { tempProject } from '../config/temp-project.ts';
import { extendedReport } from '../model/extended-report.ts';

const CONFIG = `export default { targets: { local: { baseUrl: 'http://127.0.0.1:9' } }, defaultTarget: 'local' };\n`;
const SUITE = `import { writeFile } from 'node:fs/promises';
import path from 'node:path';
export default {
  name: 'mini', title: 'Mini', requirements: ['REQ-API-01'],
  custom: [
    { id: 'evidence', title: 'Writes evidence', family: 'api', requirementIds: ['REQ-API-01'], run: async (ctx) => {
      await writeFile(path.join(ctx.runDir, 'answer.txt'), 'HTTP/1.1 200 OK\\n');
      return { criteria: [{ name: 'status', expected: '200', measured: '200', passed: true }], evidence: [{ kind: 'sample', path: 'answer.txt' }] };
    } },
    { id: 'slow', title: 'Too slow', family: 'api', run: async () => ({ criteria: [{ name: 'latency', expected: '< 100 ms', measured: '250 ms', passed: false }] }) },
  ],
};
`;

async function runOnce(dir: string, outDir: string) {
  const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/mini.ts') });
  return executeRun(plan, {
    outDir,
    reporters: [new JsonReporter(), new JunitReporter()],
    clock: manualClock(Date.UTC(2025, 2, 1, 14, 25, 1), 100),
    randomSuffix: () => 'abc123',
    environment: { os: 'test-os', node: 'v24.0.0', cpus: 2, memoryMb: 4096 },
  });
}

describe('executeRun', () => {
  it('builds the run folder, renames it complete and writes a valid report with hashed artifacts', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': SUITE });
    const outDir = path.join(dir, 'runs');
    const outcome = await runOnce(dir, outDir);
    expect(outcome.runDir).toBe(path.join(outDir, '20250301-142501-abc123'));
    expect(readdirSync(outDir)).toEqual(['20250301-142501-abc123']);
    expect(readdirSync(outcome.runDir).sort()).toEqual(['answer.txt', 'junit.xml', 'report.json']);
    const report = JSON.parse(readFileSync(path.join(outcome.runDir, 'report.json'), 'utf8')) as unknown;
    expect(reportProblems(report)).toEqual([]);
    expect(outcome.report.artifacts).toEqual([{ path: 'answer.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string, bytes: 16 }]);
    expect(outcome.report.run).toMatchObject({ status: 'failed', startedAt: '2025-03-01T14:25:01.000Z' });
    expect(outcome.report.target).toEqual({ name: 'local', baseUrl: 'http://127.0.0.1:9', apiPath: '/ajax', uiPath: '/appsuite/', kind: 'remote', nodes: [] });
    expect(outcome.exitCode).toBe(1);
  });

  it('produces identical report.json and junit.xml for the same inputs and clock', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': SUITE });
    const one = await runOnce(dir, path.join(dir, 'one'));
    const two = await runOnce(dir, path.join(dir, 'two'));
    for (const file of ['report.json', 'junit.xml']) {
      expect(readFileSync(path.join(two.runDir, file))).toEqual(readFileSync(path.join(one.runDir, file)));
    }
  });

  it('exits 0 when every check passed', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': SUITE.replace("measured: '250 ms', passed: false", "measured: '50 ms', passed: true") });
    const outcome = await runOnce(dir, path.join(dir, 'runs'));
    expect([outcome.report.run.status, outcome.exitCode]).toEqual(['passed', 0]);
  });

  it('reports a check that throws as an infrastructure error (exit 3) and still renames the folder', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': '' });
    writeFileSync(path.join(dir, 'suites/mini.ts'), SUITE.replace("run: async () => ({ criteria: [{ name: 'latency', expected: '< 100 ms', measured: '250 ms', passed: false }] })", "run: async () => { throw new Error('socket hang up'); }"));
    const outcome = await runOnce(dir, path.join(dir, 'runs'));
    expect(outcome.report.run).toMatchObject({ status: 'error', error: { code: 'INTERNAL', message: 'socket hang up', phase: 'custom.slow run' } });
    expect(outcome.exitCode).toBe(3);
    expect(readdirSync(path.join(dir, 'runs')).some((name) => name.endsWith('.partial'))).toBe(false);
  });
});

describe('executeRun: what the report carries beyond checks', () => {
  const options = (outDir: string) => ({
    outDir,
    reporters: [new JsonReporter(), new JunitReporter()],
    clock: manualClock(Date.UTC(2025, 2, 1, 14, 25, 1), 100),
    randomSuffix: () => 'abc123',
    environment: { os: 'test-os', node: 'v24.0.0', cpus: 2, memoryMb: 4096 },
  });

  it('stores the comparison with the baseline run in report.json, and junit.xml gets a "baseline" testsuite for what newly fails', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': SUITE });
    const passingDir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': SUITE.replace("measured: '250 ms', passed: false", "measured: '50 ms', passed: true") });
    const earlier = await executeRun(await resolveConfig({ configFile: path.join(passingDir, 'signoff.config.ts'), suiteFile: path.join(passingDir, 'suites/mini.ts') }), options(path.join(passingDir, 'runs')));
    expect(earlier.report.run.status).toBe('passed');
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/mini.ts') });
    const outcome = await executeRun(plan, { ...options(path.join(dir, 'runs')), baseline: earlier.report });
    const stored = JSON.parse(readFileSync(path.join(outcome.runDir, 'report.json'), 'utf8')) as RunReport;
    expect(reportProblems(stored)).toEqual([]);
    expect(stored.baseline).toMatchObject({ baselineRunId: earlier.report.run.id, regressed: true });
    expect(stored.baseline!.checks).toEqual([expect.objectContaining({ baseline: 'passed', current: 'failed', change: 'new-failure' })]);
    const junit = readFileSync(path.join(outcome.runDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="baseline" tests="1" failures="1"');
  });

  it('puts the probe summaries the tasks return into report.probes', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': SUITE });
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/mini.ts') });
    const ldap = extendedReport().probes!.ldap!;
    const gui = { timings: { 'desktop.gui.smoke.login': 700, 'gui.wallMs': 9000 } };
    const check = (id: string, family: 'ldap' | 'gui') => ({ id, title: id, family, status: 'passed' as const, requirementIds: [], criteria: [], evidence: [], durationMs: 1 });
    const outcome = await executeRun(plan, {
      ...options(path.join(dir, 'runs')),
      tasks: [
        { id: 'ldap', title: 'LDAP', family: 'ldap', requirementIds: [], run: () => Promise.resolve({ checks: [check('ldap.connection', 'ldap')], probes: { ldap } }) },
        { id: 'gui', title: 'GUI', family: 'gui', requirementIds: [], run: () => Promise.resolve({ checks: [check('gui.smoke', 'gui')], probes: { gui } }) },
      ],
    });
    expect(outcome.report.probes).toEqual({ ldap, gui });
    expect(reportProblems(JSON.parse(readFileSync(path.join(outcome.runDir, 'report.json'), 'utf8')))).toEqual([]);
  });
});
