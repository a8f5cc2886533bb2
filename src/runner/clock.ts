/**
 * Time comes in through a Clock so runs, run ids and reports are reproducible
 * in tests. Only the system clock reads the real time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (tests). */
export function manualClock(startMs: number, stepMs = 0): Clock & { advance(ms: number): void } {
  let t = startMs;
  return {
    now: () => {
      const current = t;
      t += stepMs;
      return current;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
