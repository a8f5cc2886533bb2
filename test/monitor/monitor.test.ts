/**
 * The monitor against the real sandbox while real k6 load runs through its
 * balancer: series per node, and the health check failing when a node goes
 * down in the middle of the load.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/load/compile.ts';
import { k6EnvFor } from '../../src/load/capacity/target.ts';
import { runK6 } from '../../src/load/k6-process.ts';
import { startMonitor } from '../../src/monitor/monitor.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../src/sandbox/sandbox.ts';
import { K6, writePool } from './support.ts';

const NAME = 'tmon';
let sandbox: SandboxInfo;
let dir: string;
let env: Record<string, string>;
let scriptPath: string;

beforeAll(async () => {
  sandbox = await sandboxUp({ name: NAME, nodes: 2 });
  dir = await mkdtemp(join(tmpdir(), 'signoff-monitor-'));
  env = k6EnvFor({ baseUrl: sandbox.balancerUrl, accountsFile: await writePool(dir), thinkTimeS: 0.1 });
  ({ scriptPath } = await compileScenario({ scenarioFile: 'webmail-user', profileName: 'smoke', profile: { kind: 'smoke', vus: 6, duration: '6s' }, slos: [], outDir: join(dir, 'script') }));
});

afterAll(async () => {
  await sandboxDown(NAME).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('startMonitor', () => {
  it('records per-node series during a healthy load and passes the health check', async () => {
    const monitor = await startMonitor({ nodes: sandbox.nodes, intervalMs: 500 });
    await runK6({ k6Path: K6, scriptPath, runDir: join(dir, 'healthy'), env });
    const result = await monitor.stop();

    expect(result.check).toMatchObject({ family: 'cluster', status: 'passed' });
    expect(result.check.criteria.map((c) => c.name)).toEqual(['OX1 health', 'OX2 health']);
    expect(result.incidents).toEqual([]);
    for (const node of result.nodes) {
      expect(node.points.length).toBeGreaterThanOrEqual(5);
      expect(node.summary.requests).toBeGreaterThan(0);
      expect(node.summary.rps).toBeGreaterThan(0);
      expect(node.summary.p95Ms).toBeGreaterThan(0);
      expect(node.summary.maxMemoryBytes).toBeGreaterThan(0);
      expect(node.summary.maxSessions).toBeGreaterThan(0);
      expect(node.actions.map((a) => a.name)).toContain('mail.all');
    }
  }, 90_000);

  it('fails the health check naming the node and the time when a node goes down during load', async () => {
    const monitor = await startMonitor({ nodes: sandbox.nodes, intervalMs: 500 });
    const load = runK6({ k6Path: K6, scriptPath, runDir: join(dir, 'node-down'), env });
    await new Promise((done) => setTimeout(done, 2000));
    const downAt = Date.now();
    try {
      await applyFault(NAME, { kind: 'node-down', route: 'OX2' });
      await load;
    } finally {
      await clearFaults(NAME);
    }
    const result = await monitor.stop();

    expect(result.check.status).toBe('failed');
    const ox2 = result.check.criteria.find((c) => c.name === 'OX2 health');
    expect(ox2?.passed).toBe(false);
    expect(ox2?.measured).toMatch(/^unreachable at \d{4}-\d\d-\d\dT/);
    expect(result.check.criteria.find((c) => c.name === 'OX1 health')?.passed).toBe(true);
    const incident = result.incidents.find((i) => i.route === 'OX2');
    expect(incident?.health).toBe('unreachable');
    expect(Date.parse(incident!.at)).toBeGreaterThanOrEqual(downAt - 1000);
  }, 90_000);
});
