/**
 * The capacity search itself, independent of k6: find the highest load level
 * at which a probe passes. A geometric ramp (×factor) brackets the knee, then
 * the bracket is narrowed by interpolating the probes' SLO slack (regula falsi,
 * with a guard that forces progress), which needs far fewer steps than plain
 * bisection when slack changes smoothly with load, and never more than it
 * when it does not.
 */

export interface ProbeVerdict {
  passed: boolean;
  /** How far the worst SLO is from its threshold: > 0 passing, < 0 failing, ~ relative (see slackOf). */
  slack: number;
}

export interface SearchOptions {
  min: number;
  max: number;
  /** Relative width of the final bracket, default 0.05: last passing and first failing level differ by at most this share. */
  precision?: number;
  /** Growth of the ramp, default 2. */
  factor?: number;
  /** Most probes in all, default 12 (the bracket is reported as reached). */
  maxSteps?: number;
  /** Levels are whole numbers (sessions) unless false (arrival rates). */
  integer?: boolean;
  probe: (level: number) => Promise<ProbeVerdict>;
}

export interface SearchOutcome {
  /** Highest passing level; null when even `min` failed. */
  lastPassing: number | null;
  /** Lowest failing level; null when `max` passed. */
  firstFailing: number | null;
  steps: number;
  /** (firstFailing − lastPassing) / lastPassing when both exist. */
  achievedPrecision: number | null;
}

export async function searchCapacity(options: SearchOptions): Promise<SearchOutcome> {
  const precision = options.precision ?? 0.05;
  const factor = options.factor ?? 2;
  const maxSteps = options.maxSteps ?? 12;
  const integer = options.integer ?? true;
  const snap = (x: number): number => (integer ? Math.round(x) : Math.round(x * 100) / 100);
  const unit = integer ? 1 : 0.01;
  if (!(options.min > 0) || !(options.max >= options.min)) throw new RangeError(`capacity: need 0 < min <= max, got ${options.min}..${options.max}`);

  let lo: { level: number; slack: number } | undefined;
  let hi: { level: number; slack: number } | undefined;
  let steps = 0;
  const probe = async (level: number): Promise<void> => {
    steps++;
    const verdict = await options.probe(level);
    if (verdict.passed) lo = { level, slack: Math.max(verdict.slack, 0) };
    else hi = { level, slack: Math.min(verdict.slack, 0) };
  };

  // 1. Ramp until a step fails or max passed.
  for (let level = snap(options.min); steps < maxSteps; ) {
    await probe(level);
    if (hi || level >= options.max) break;
    level = Math.min(snap(options.max), Math.max(level + unit, snap(level * factor)));
  }

  // 2. Narrow [lo, hi) until it is within the precision.
  let sameSide = 0;
  let lastSide: boolean | undefined;
  while (lo && hi && steps < maxSteps) {
    const width = hi.level - lo.level;
    const tolerance = Math.max(unit, precision * lo.level);
    if (width <= tolerance) break;
    // Where the slack crosses zero, assuming it is linear between the ends.
    const span = lo.slack - hi.slack;
    const guess = span > 0 ? lo.level + (width * lo.slack) / span : lo.level + width / 2;
    // Keep clear of the ends: a probe next to one end barely narrows the bracket.
    const margin = Math.min(tolerance, width / 2);
    let next = Math.min(hi.level - margin, Math.max(lo.level + margin, guess));
    // A bracket of two tolerances closes with one probe in its middle.
    if (width <= 2 * tolerance) next = lo.level + width / 2;
    const level = snap(Math.min(hi.level - unit, Math.max(lo.level + unit, next)));
    const before = lo.level;
    await probe(level);
    const passed = lo.level !== before;
    sameSide = passed === lastSide ? sameSide + 1 : 1;
    lastSide = passed;
    // Illinois: when one end keeps moving, halve the other end's slack so the estimate stops creeping.
    if (sameSide >= 2 && lo && hi) {
      if (passed) hi.slack /= 2;
      else lo.slack /= 2;
    }
  }

  const lastPassing = lo?.level ?? null;
  const firstFailing = hi?.level ?? null;
  return {
    lastPassing,
    firstFailing,
    steps,
    achievedPrecision: lastPassing !== null && firstFailing !== null ? Math.round(((firstFailing - lastPassing) / lastPassing) * 1000) / 1000 : null,
  };
}
