/** The search on its own, with probes whose knee is known (pure functions of the level, no k6). */
import { describe, expect, it } from 'vitest';
import { searchCapacity, type ProbeVerdict } from '../../../src/load/capacity/search.ts';

/** p95 grows with load like a queue near saturation: slack crosses zero at `knee`. */
function queueProbe(knee: number, trace: number[]): (level: number) => Promise<ProbeVerdict> {
  return async (level) => {
    trace.push(level);
    const threshold = 500;
    const p95 = 100 + 400 * (level / knee) ** 3;
    return { passed: p95 < threshold, slack: Math.max(-1, (threshold - p95) / threshold) };
  };
}

/** Deterministic noise: a seeded LCG and Box–Muller. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Load ratio (p95 / threshold) as a function of the level, 1 at the knee c. */
type Curve = (level: number, c: number) => number;
const shapes: Record<string, Curve> = {
  cubic: (x, c) => 0.2 + 0.8 * (x / c) ** 3,
  square: (x, c) => 0.4 + 0.6 * (x / c) ** 2,
  /** M/M/1-like: 1/(1 − ρ), saturating at 1.25 × the knee, then timeouts (1000 × the SLO). */
  queue: (x, c) => (x >= 1.25 * c ? 1000 : (1 - 0.8) / (1 - x / (1.25 * c))),
  /** Closed model past saturation: latency grows with the sessions. */
  saturated: (x, c) => Math.max(0.3, x / c),
  exponential: (x, c) => Math.exp(3 * (x / c - 1)),
  /** Flat, then a wall. */
  wall: (x, c) => 0.15 + 0.85 * (x / c) ** 8,
};

/** Ten curves, knees spread over 3..39 of 40, every probe's p95 off by 3 % (σ, log-normal). */
const CURVES: Array<{ shape: keyof typeof shapes; knee: number }> = [
  { shape: 'saturated', knee: 3.6 },
  { shape: 'queue', knee: 6.4 },
  { shape: 'cubic', knee: 9.5 },
  { shape: 'wall', knee: 13.2 },
  { shape: 'exponential', knee: 17.7 },
  { shape: 'square', knee: 21.3 },
  { shape: 'queue', knee: 25.8 },
  { shape: 'cubic', knee: 29.4 },
  { shape: 'saturated', knee: 34.5 },
  { shape: 'exponential', knee: 39.3 },
];
const NOISE = 0.03;

/** The true capacity: the highest whole level whose noise-free ratio is below 1. */
function capacityOf(curve: Curve, knee: number, max: number): number {
  let capacity = 0;
  for (let level = 1; level <= max; level++) if (curve(level, knee) < 1) capacity = level;
  return capacity;
}

describe('searchCapacity', () => {
  it('finds each of ten noisy knees from 3 to 39 of 40 within ±5 % in at most 6 steps', async () => {
    const results = [];
    for (const [i, { shape, knee }] of CURVES.entries()) {
      const curve = shapes[shape]!;
      const noise = gaussian(1000 + i);
      const trace: string[] = [];
      const outcome = await searchCapacity({
        min: 1,
        max: 40,
        probe: async (level) => {
          const ratio = curve(level, knee) * Math.exp(NOISE * noise());
          trace.push(`${level}${ratio < 1 ? '✓' : '✗'}`);
          return { passed: ratio < 1, slack: Math.max(-1, Math.min(1, 1 - ratio)), ratio };
        },
      });
      const capacity = capacityOf(curve, knee, 40);
      results.push({ shape, knee, capacity, ...outcome, trace: trace.join(' ') });
    }
    for (const r of results) {
      const found = r.lastPassing!;
      expect(r.steps, JSON.stringify(r)).toBeLessThanOrEqual(6);
      // The bracket is closed to the precision (whole sessions: one apart below 40)...
      expect(r.firstFailing! - found, JSON.stringify(r)).toBeLessThanOrEqual(Math.max(1, 0.05 * found));
      // ...and lies within ±5 % (at least one session) of the true capacity despite the noise.
      expect(Math.abs(found - r.capacity), JSON.stringify(r)).toBeLessThanOrEqual(Math.max(1, 0.05 * r.capacity));
    }
  });

  it('needs at most 6 steps on nine in ten of a wider sweep of noisy curves, and 8 at worst (a flat curve ending in a wall)', async () => {
    const steps: number[] = [];
    for (const [name, curve] of Object.entries(shapes)) {
      for (let knee = 3.5; knee < 40; knee += 2.25) {
        const noise = gaussian(Math.round(knee * 100) + name.length);
        const outcome = await searchCapacity({ min: 1, max: 40, probe: async (level) => {
          const ratio = curve(level, knee) * Math.exp(NOISE * noise());
          return { passed: ratio < 1, slack: Math.max(-1, Math.min(1, 1 - ratio)), ratio };
        } });
        expect(outcome.firstFailing! - outcome.lastPassing!).toBeLessThanOrEqual(Math.max(1, 0.05 * outcome.lastPassing!));
        steps.push(outcome.steps);
      }
    }
    expect(steps.filter((s) => s <= 6).length / steps.length).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...steps)).toBeLessThanOrEqual(8);
  });

  it('puts the first step in the middle of the range (log scale) and extrapolates from its slack', async () => {
    const trace: number[] = [];
    const outcome = await searchCapacity({ min: 5, max: 40, probe: queueProbe(27, trace) });
    expect(outcome.lastPassing).toBe(26);
    expect(outcome.firstFailing).toBe(27);
    expect(outcome.steps).toBeLessThanOrEqual(5);
    expect(trace[0]).toBe(14);
    // Never a level twice, never outside the range.
    expect(new Set(trace).size).toBe(trace.length);
    expect(trace.every((l) => l >= 5 && l <= 40)).toBe(true);
  });

  it('stays within the precision for knees all over the range', async () => {
    for (const knee of [6.5, 11, 17, 23, 31, 39]) {
      const outcome = await searchCapacity({ min: 5, max: 40, probe: queueProbe(knee, []) });
      expect(outcome.lastPassing).toBeLessThan(knee);
      expect(outcome.firstFailing).toBeGreaterThanOrEqual(knee);
      expect(outcome.firstFailing! - outcome.lastPassing!).toBeLessThanOrEqual(Math.max(1, 0.05 * outcome.lastPassing!));
      expect(outcome.steps).toBeLessThanOrEqual(6);
    }
  });

  it('still converges when the slack says nothing (a step function)', async () => {
    const outcome = await searchCapacity({ min: 10, max: 1000, probe: async (level) => ({ passed: level <= 613, slack: level <= 613 ? 1 : -1 }) });
    expect(outcome.lastPassing).toBeLessThanOrEqual(613);
    expect(outcome.firstFailing).toBeGreaterThan(613);
    expect((outcome.firstFailing! - outcome.lastPassing!) / outcome.lastPassing!).toBeLessThanOrEqual(0.05);
  });

  it('keeps a consistent bracket when the measurements are not monotonic', async () => {
    // Ratios that go down with load in places, and a verdict that contradicts its ratio.
    const ratios: Record<number, number> = { 14: 0.9, 16: 0.7, 15: 1.2, 18: 0.5 };
    const trace: number[] = [];
    const outcome = await searchCapacity({
      min: 5,
      max: 40,
      probe: async (level) => {
        trace.push(level);
        const ratio = ratios[level] ?? (level > 15 ? 1.5 : 0.95);
        return { passed: ratio < 1, slack: 1 - ratio, ratio: level === 15 ? 0.2 : ratio };
      },
    });
    expect(outcome.firstFailing! - outcome.lastPassing!).toBe(1);
    // Each probe lay inside the bracket of the probes before it.
    for (let i = 1; i < trace.length; i++) {
      const before = trace.slice(0, i);
      expect(before).not.toContain(trace[i]);
    }
    expect(outcome.lastPassing).toBeLessThan(outcome.firstFailing!);
  });

  it('reports "at least max" when the highest level passes and "below min" when the lowest fails', async () => {
    expect(await searchCapacity({ min: 5, max: 40, probe: async () => ({ passed: true, slack: 0.5 }) })).toMatchObject({ lastPassing: 40, firstFailing: null, steps: 3 });
    expect(await searchCapacity({ min: 5, max: 40, probe: async () => ({ passed: false, slack: -0.5 }) })).toMatchObject({ lastPassing: null, firstFailing: 5, steps: 3 });
  });

  it('searches arrival rates in fractions', async () => {
    const outcome = await searchCapacity({ min: 0.5, max: 8, integer: false, probe: queueProbe(3.3, []) });
    expect(outcome.lastPassing).toBeLessThan(3.3);
    expect(outcome.firstFailing).toBeGreaterThanOrEqual(3.3);
    expect(outcome.achievedPrecision).toBeLessThanOrEqual(0.05);
    expect(outcome.steps).toBeLessThanOrEqual(6);
  });
});
