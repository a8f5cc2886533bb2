/**
 * The capacity search itself, independent of k6: find the highest load level
 * at which a probe passes, in few probes. Every probe says more than pass or
 * fail: how loaded the binding SLO was (measured over threshold, `ratio`). The
 * search fits that ratio against the level on a log–log scale (a power law,
 * locally: a queue's latency near its knee, or a saturated closed system whose
 * latency grows with the sessions) and puts the next probe where the fit
 * crosses the threshold:
 *
 * 1. The first probe sits in the middle of the range (log scale), not at its
 *    bottom.
 * 2. Until a probe has passed and one has failed, the fit is extrapolated from
 *    the nearest probes (one probe: an assumed slope of 1), at most ×`factor`
 *    per step, and never past min or max.
 * 3. Inside the bracket [last passing, first failing): inverse quadratic
 *    interpolation through the bracket's ends and the nearest other probe when
 *    it lands inside, else the secant between the ends; a geometric bisection
 *    when the ends' ratios say nothing (missing, or not increasing with load)
 *    or when two model probes in a row moved the same end (the fit keeps
 *    missing on one side). Probes keep a tolerance away from the ends, so a
 *    probe that lands as predicted closes the bracket, and a bracket of two
 *    tolerances closes with one probe in its middle.
 * 4. Stop as soon as the bracket is within the precision; never probe outside
 *    it or a level twice.
 *
 * Noise: the bracket is recomputed from all probes as the lowest failing level
 * and the highest passing level below it, so a pass above a failure (which
 * only a noisy curve produces) is ignored, conservatively; a ratio that
 * contradicts its verdict (a failure below the threshold, e.g. a step stopped
 * early, or a pass above it) is kept for the bracket but left out of the fit.
 */

export interface ProbeVerdict {
  passed: boolean;
  /** How far the worst SLO is from its threshold: > 0 passing, < 0 failing, ~ relative (see slackOf). */
  slack: number;
  /**
   * The binding SLO's load ratio, unclamped: measured / threshold for upper
   * bounds (threshold / measured for lower bounds), < 1 holds, > 1 missed (see
   * loadRatioOf). Derived from slack (1 − slack) when absent.
   */
  ratio?: number;
}

export interface SearchOptions {
  min: number;
  max: number;
  /** Relative width of the final bracket, default 0.05: last passing and first failing level differ by at most this share. */
  precision?: number;
  /** First level probed; default the geometric middle of max/8..max (within min..max). */
  start?: number;
  /** Most growth (or shrink) of one extrapolated probe before the knee is bracketed, default 4. */
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

interface Point {
  level: number;
  passed: boolean;
  /** ln(level) */
  u: number;
  /** ln(ratio) when the ratio is informative and agrees with the verdict. */
  f?: number;
}

/** Slope of ln(ratio) over ln(level) assumed with a single probe: latency proportional to load. */
const PRIOR_SLOPE = 1;
/** Ratios below this (an error-rate SLO with no errors) say nothing about the knee. */
const MIN_RATIO = 0.01;
/** Ratios are capped here for the fit: a step far past its threshold (a hard break) says little about where the knee is. */
const MAX_RATIO = 3;

export async function searchCapacity(options: SearchOptions): Promise<SearchOutcome> {
  const precision = options.precision ?? 0.05;
  const factor = options.factor ?? 4;
  const maxSteps = options.maxSteps ?? 12;
  const integer = options.integer ?? true;
  const { min, max } = options;
  if (!(min > 0) || !(max >= min)) throw new RangeError(`capacity: need 0 < min <= max, got ${min}..${max}`);
  if (!(factor > 1)) throw new RangeError(`capacity: factor must be > 1, got ${factor}`);
  const unit = integer ? 1 : 0.01;
  const snap = (x: number): number => (integer ? Math.round(x) : Math.round(x * 100) / 100);
  const tolerance = (level: number): number => Math.max(unit, precision * level);
  const bottom = snap(min) >= min ? snap(min) : snap(min) + unit;
  const top = snap(max) <= max ? snap(max) : snap(max) - unit;

  const points: Point[] = [];
  let lo: Point | undefined;
  let hi: Point | undefined;
  /** Which end the last narrowing probes moved, and how many times in a row. */
  let lastSide: boolean | undefined;
  let sameSide = 0;
  /** The last probe was a bisection: it starts a fresh count. */
  let bisected = false;

  const run = async (level: number): Promise<void> => {
    const verdict = await options.probe(level);
    const ratio = verdict.ratio ?? 1 - verdict.slack;
    const point: Point = { level, passed: verdict.passed, u: Math.log(level) };
    if (Number.isFinite(ratio) && ratio >= MIN_RATIO && (verdict.passed ? ratio < 1 : ratio >= 1)) point.f = Math.log(Math.min(ratio, MAX_RATIO));
    const bracketed = lo !== undefined && hi !== undefined;
    points.push(point);
    hi = points.filter((p) => !p.passed).reduce<Point | undefined>((a, p) => (!a || p.level < a.level ? p : a), undefined);
    lo = points.filter((p) => p.passed && (!hi || p.level < hi.level)).reduce<Point | undefined>((a, p) => (!a || p.level > a.level ? p : a), undefined);
    if (bracketed) {
      sameSide = bisected ? 0 : verdict.passed === lastSide ? sameSide + 1 : 1;
      lastSide = verdict.passed;
    }
  };

  /** Where ln(ratio) crosses 0 going out from `from` with slope k (> 0). */
  const crossing = (from: Point & { f: number }, k: number): number => Math.exp(from.u - from.f / k);
  /** Slope between the two informative probes nearest to `from` on its side, or the prior. */
  const slopeNear = (from: Point & { f: number }, passed: boolean): number | undefined => {
    const other = points
      .filter((p): p is Point & { f: number } => p !== from && p.passed === passed && p.f !== undefined && p.level !== from.level)
      .sort((a, b) => Math.abs(a.u - from.u) - Math.abs(b.u - from.u))[0];
    if (!other) return PRIOR_SLOPE;
    const k = (from.f - other.f) / (from.u - other.u);
    return k > 0 ? k : undefined;
  };

  const next = (): number | undefined => {
    bisected = false;
    if (points.length === 0) {
      const start = options.start ?? Math.sqrt(Math.max(min, max / 8) * max);
      return Math.min(top, Math.max(bottom, snap(start)));
    }
    if (lo && !hi) {
      // Everything so far passed: extrapolate upwards.
      if (lo.level >= top) return undefined;
      let guess = lo.level * factor;
      if (lo.f !== undefined) {
        const k = slopeNear(lo as Point & { f: number }, true);
        if (k !== undefined) guess = crossing(lo as Point & { f: number }, k);
      }
      guess = Math.min(guess, lo.level * factor, top);
      return inside(lo.level, snap(top + unit), Math.max(guess, lo.level + tolerance(lo.level)));
    }
    if (hi && !lo) {
      // Everything so far failed: extrapolate downwards.
      if (hi.level <= bottom) return undefined;
      let guess = hi.level / factor;
      if (hi.f !== undefined) {
        const k = slopeNear(hi as Point & { f: number }, false);
        // A flat failing curve (slope ~0 or none): lower load will not help much, go to the bottom.
        guess = k === undefined ? bottom : crossing(hi as Point & { f: number }, k);
        // One probe alone does not say the curve is flat: shrink by at most the factor.
        if (k === PRIOR_SLOPE) guess = Math.max(guess, hi.level / factor);
      }
      guess = Math.max(guess, bottom);
      return inside(snap(bottom - unit), hi.level, Math.min(guess, hi.level - tolerance(guess)));
    }
    if (!lo || !hi) return undefined;
    const width = hi.level - lo.level;
    const tol = tolerance(lo.level);
    if (width <= tol) return undefined;
    // A probe within `reach` of an end closes the bracket when it lands on that end's side.
    const reach = integer ? Math.max(unit, Math.floor(tol)) : tol;
    // Two reaches close with one probe in the middle.
    if (width <= 2 * reach) return inside(lo.level, hi.level, lo.level + width / 2);
    const modelled = sameSide < 2 && lo.f !== undefined && hi.f !== undefined && hi.f > lo.f;
    const guess = modelled ? interpolate(lo as Point & { f: number }, hi as Point & { f: number }) : Math.sqrt(lo.level * hi.level);
    bisected = !modelled;
    const margin = Math.min(reach, width / 2);
    return inside(lo.level, hi.level, Math.min(hi.level - margin, Math.max(lo.level + margin, guess)));
  };

  /** Inverse quadratic interpolation through the ends and the nearest other informative probe, else the secant. */
  const interpolate = (a: Point & { f: number }, b: Point & { f: number }): number => {
    const secant = a.u + (-a.f * (b.u - a.u)) / (b.f - a.f);
    const third = points
      .filter((p): p is Point & { f: number } => p !== a && p !== b && p.f !== undefined && p.f !== a.f && p.f !== b.f)
      .filter((p) => (p.passed ? p.level < a.level : p.level > b.level))
      .sort((p, q) => Math.min(Math.abs(p.u - a.u), Math.abs(p.u - b.u)) - Math.min(Math.abs(q.u - a.u), Math.abs(q.u - b.u)))[0];
    let u = secant;
    if (third) {
      const [x0, y0, x1, y1, x2, y2] = [a.u, a.f, b.u, b.f, third.u, third.f];
      const iqi = (x0 * y1 * y2) / ((y0 - y1) * (y0 - y2)) + (x1 * y0 * y2) / ((y1 - y0) * (y1 - y2)) + (x2 * y0 * y1) / ((y2 - y0) * (y2 - y1));
      // A capped ratio is good enough for a secant, not for a curvature.
      const capped = Math.max(a.f, b.f, third.f) >= Math.log(MAX_RATIO);
      if (!capped && Number.isFinite(iqi) && iqi > a.u && iqi < b.u) u = iqi;
    }
    return Math.exp(u);
  };

  /** The level nearest `wanted` strictly between `below` and `above` (snapped levels) and not probed yet; undefined when there is none. */
  const inside = (below: number, above: number, wanted: number): number | undefined => {
    const lowest = snap(below + unit);
    const highest = snap(above - unit);
    const free = (level: number): boolean => level >= lowest && level <= highest && !points.some((p) => p.level === level);
    const level = Math.min(highest, Math.max(lowest, snap(wanted)));
    if (free(level)) return level;
    // Only noise or rounding land on a probed level: take the free neighbour towards the middle.
    const toward = level - lowest < highest - level ? unit : -unit;
    return free(snap(level + toward)) ? snap(level + toward) : undefined;
  };

  for (let steps = 0; steps < maxSteps; steps++) {
    const level = next();
    if (level === undefined) break;
    await run(level);
  }

  const lastPassing = lo?.level ?? null;
  const firstFailing = hi?.level ?? null;
  return {
    lastPassing,
    firstFailing,
    steps: points.length,
    achievedPrecision: lastPassing !== null && firstFailing !== null ? Math.round(((firstFailing - lastPassing) / lastPassing) * 1000) / 1000 : null,
  };
}
