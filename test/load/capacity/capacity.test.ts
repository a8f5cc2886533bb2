/**
 * findCapacity with real k6 against the real sandbox: a knee inside the range
 * when healthy, and none (capacity 0) once every mail.all takes 300 ms more
 * than its SLO allows.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlo, type Slo } from '../../../src/config/load.ts';
import { findCapacity } from '../../../src/load/capacity/capacity.ts';
import type { LoadTarget } from '../../../src/load/capacity/target.ts';
import type { CapacityResult } from '../../../src/load/capacity/types.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { K6, writePool } from '../../monitor/support.ts';

const NAME = 'tcap';
let sandbox: SandboxInfo;
let dir: string;
let target: LoadTarget;
const slos: Slo[] = ['mail.all p95 < 250ms', '* errorRate < 5%'].map((s) => {
  const parsed = parseSlo(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.slo;
});
let healthy: CapacityResult;

beforeAll(async () => {
  sandbox = await sandboxUp({ name: NAME, nodes: 2 });
  dir = await mkdtemp(join(tmpdir(), 'signoff-capacity-'));
  target = { baseUrl: sandbox.balancerUrl, accountsFile: await writePool(dir), thinkTimeS: 0.1, nodes: sandbox.nodes };
});

afterAll(async () => {
  await sandboxDown(NAME).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('findCapacity', () => {
  it('finds the sessions at which the SLOs still hold on the healthy sandbox, with its curve and server figures', async () => {
    const runDir = join(dir, 'healthy');
    const seen: number[] = [];
    healthy = await findCapacity({ scenarioFile: 'webmail-user', slos, model: 'closed', maxSessions: 40, stepDurationS: 5, target, runDir, k6Path: K6, onStep: (s) => seen.push(s.level) });

    expect(healthy.capacity).toBeGreaterThanOrEqual(healthy.range.min);
    expect(healthy.steps).toBe(seen.length);
    expect(healthy.curve.map((s) => s.level)).toEqual([...seen].sort((a, b) => a - b));
    const knee = healthy.curve.find((s) => s.level === healthy.capacity)!;
    expect(knee.passed).toBe(true);
    expect(knee.slos.every((v) => v.passed)).toBe(true);
    if (!healthy.atLeast) {
      const failing = healthy.curve.find((s) => s.level === healthy.bracket.firstFailing)!;
      expect(failing.passed).toBe(false);
    }
    expect(healthy.knee?.server.map((n) => n.route)).toEqual(['OX1', 'OX2']);
    expect(healthy.knee?.server.every((n) => n.requests > 0 && n.healthyScrapes === n.scrapes)).toBe(true);
    const saved = JSON.parse(await readFile(join(runDir, 'capacity.json'), 'utf8')) as CapacityResult;
    expect(saved.capacity).toBe(healthy.capacity);
  }, 240_000);

  it('drops to zero when an injected 300 ms latency on mail.all breaks its 250 ms SLO at any load', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'latency', ms: 300, module: 'mail', action: 'all' } });
    let faulted: CapacityResult;
    try {
      faulted = await findCapacity({ scenarioFile: 'webmail-user', slos, model: 'closed', maxSessions: 40, stepDurationS: 5, target, runDir: join(dir, 'faulted'), k6Path: K6 });
    } finally {
      await clearFaults(NAME);
    }
    expect(faulted.capacity).toBe(0);
    expect(faulted.bracket).toEqual({ lastPassing: null, firstFailing: faulted.range.min });
    // The first step is in the middle of the range: two more find that lower loads fail as well.
    expect(faulted.steps).toBeLessThanOrEqual(3);
    expect(faulted.curve[0]?.bindingSlo).toBe('mail.all p95 < 250ms');
    expect(faulted.capacity).toBeLessThan(healthy.capacity);
  }, 120_000);
});
