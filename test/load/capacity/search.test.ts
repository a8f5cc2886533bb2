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

describe('searchCapacity', () => {
  it('brackets the knee by doubling, then narrows it to ±5 % in at most 6 steps', async () => {
    const trace: number[] = [];
    const outcome = await searchCapacity({ min: 5, max: 40, probe: queueProbe(27, trace) });
    expect(outcome.lastPassing).toBe(26);
    expect(outcome.firstFailing).toBe(27);
    expect(outcome.steps).toBeLessThanOrEqual(6);
    expect(trace.slice(0, 3)).toEqual([5, 10, 20]);
  });

  it('stays within the precision for knees all over the range', async () => {
    for (const knee of [6.5, 11, 17, 23, 31, 39]) {
      const outcome = await searchCapacity({ min: 5, max: 40, probe: queueProbe(knee, []) });
      expect(outcome.lastPassing).toBeLessThan(knee);
      expect(outcome.firstFailing).toBeGreaterThanOrEqual(knee);
      expect(outcome.firstFailing! - outcome.lastPassing!).toBeLessThanOrEqual(Math.max(1, 0.05 * outcome.lastPassing!));
      // Up to 4 ramp steps (5→40) and a few to narrow: 8 at worst for a sharply curved slack.
      expect(outcome.steps).toBeLessThanOrEqual(8);
    }
  });

  it('still converges when the slack says nothing (a step function)', async () => {
    const outcome = await searchCapacity({ min: 10, max: 1000, probe: async (level) => ({ passed: level <= 613, slack: level <= 613 ? 1 : -1 }) });
    expect(outcome.lastPassing).toBeLessThanOrEqual(613);
    expect(outcome.firstFailing).toBeGreaterThan(613);
    expect((outcome.firstFailing! - outcome.lastPassing!) / outcome.lastPassing!).toBeLessThanOrEqual(0.05);
  });

  it('reports "at least max" when the highest level passes and "below min" when the lowest fails', async () => {
    expect(await searchCapacity({ min: 5, max: 40, probe: async () => ({ passed: true, slack: 0.5 }) })).toMatchObject({ lastPassing: 40, firstFailing: null, steps: 4 });
    expect(await searchCapacity({ min: 5, max: 40, probe: async () => ({ passed: false, slack: -0.5 }) })).toMatchObject({ lastPassing: null, firstFailing: 5, steps: 1 });
  });

  it('searches arrival rates in fractions', async () => {
    const outcome = await searchCapacity({ min: 0.5, max: 8, integer: false, probe: queueProbe(3.3, []) });
    expect(outcome.lastPassing).toBeLessThan(3.3);
    expect(outcome.firstFailing).toBeGreaterThanOrEqual(3.3);
    expect(outcome.achievedPrecision).toBeLessThanOrEqual(0.05);
  });
});
