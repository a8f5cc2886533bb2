/**
 * One user session as users hold it: login and boot, the user's actions with
 * think time between them, the UI's auto-refresh while the session is open,
 * and at the end the cleanup of what the session created, then logout. A
 * session lasts SIGNOFF_SESSION_SECONDS on average (±50 %) but always ends,
 * cleanup and logout included, before k6 would cut it off: before the
 * scenario's end, and within half the graceful ramp-down once VUs may be ramped down.
 */
import { sleep } from 'k6';
import exec from 'k6/execution';
import { OxClient } from './client.ts';
import type { BootResult } from './modules/boot.ts';
import { settings } from './settings.ts';
import { uiModel } from './ui-profile.ts';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
/** k6's own default for gracefulRampDown/gracefulStop. */
const DEFAULT_GRACE_MS = 30_000;
/** Time left for cleanup and logout before the scenario ends. */
const END_MARGIN_MS = 1000;
/** Shortest idle pause of an iteration that starts no session. */
const IDLE_FLOOR_MS = 250;

/** k6 duration text ("1m30s", "500ms") or milliseconds → milliseconds. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  let matched = '';
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 0);
    matched += m[0];
  }
  return matched === value ? total : undefined;
}

interface Stage {
  duration?: unknown;
  target?: unknown;
}

interface ScenarioOptions {
  executor?: string;
  duration?: unknown;
  maxDuration?: unknown;
  stages?: Stage[];
  startVUs?: unknown;
  gracefulRampDown?: unknown;
}

/**
 * The latest moment (epoch ms) a session started `now` may still act: the
 * scenario's end, and for ramping VUs the first ramp-down from `now` on plus
 * half its grace (a ramped-down VU gets gracefulRampDown to finish).
 */
export function latestEnd(scenario: ScenarioOptions | undefined, scenarioStart: number, now: number): number {
  if (!scenario) return Number.POSITIVE_INFINITY;
  let end = Number.POSITIVE_INFINITY;
  const fixed = durationMs(scenario.duration) ?? durationMs(scenario.maxDuration);
  if (fixed !== undefined) end = scenarioStart + fixed;
  if (!Array.isArray(scenario.stages)) return end;
  const grace = durationMs(scenario.gracefulRampDown) ?? DEFAULT_GRACE_MS;
  const rampingVus = scenario.executor === 'ramping-vus';
  let t = scenarioStart;
  let level = Number(scenario.startVUs ?? 0) || 0;
  let rampDown = Number.POSITIVE_INFINITY;
  for (const stage of scenario.stages) {
    const length = durationMs(stage.duration) ?? 0;
    const target = Number(stage.target ?? 0) || 0;
    if (rampingVus && target < level && t + length > now && rampDown === Number.POSITIVE_INFINITY) rampDown = Math.max(t, now) + grace / 2;
    t += length;
    level = target;
  }
  return Math.min(end, t, rampDown);
}

function scenarioEnd(now: number): number {
  const name = exec.scenario.name;
  const scenarios = exec.test.options.scenarios as Record<string, ScenarioOptions> | undefined;
  return latestEnd(scenarios?.[name], exec.scenario.startTime, now);
}

/** Shortest session worth starting: a login that could not even be followed by one action is not a user. */
function minSessionMs(): number {
  return Math.max(2000, 2 * settings.thinkTimeSeconds * 1000);
}

export interface SessionPlan {
  /** Mean session length, s (SIGNOFF_SESSION_SECONDS). */
  sessionSeconds?: number;
  /** What the visible app reloads on each auto-refresh. */
  refresh?: (ox: OxClient) => void;
}

export class UiSession {
  readonly ox: OxClient;
  readonly endsAt: number;
  /** When k6 may stop this VU; an iteration too close to it waits there instead of logging in. */
  readonly #hardEnd: number;
  readonly #refreshMs: number;
  readonly #refresh: ((ox: OxClient) => void) | undefined;
  readonly #cleanups: (() => void)[] = [];
  #nextRefresh = Number.POSITIVE_INFINITY;
  /** The boot's answers (the inbox prefetch the mail app shows), after start(). */
  boot: BootResult | undefined;

  constructor(plan: SessionPlan = {}, ox: OxClient = new OxClient()) {
    this.ox = ox;
    const now = Date.now();
    const mean = (plan.sessionSeconds ?? uiModel.sessionSeconds) * 1000;
    this.#hardEnd = scenarioEnd(now);
    this.endsAt = Math.min(now + mean * (0.5 + Math.random()), this.#hardEnd - END_MARGIN_MS);
    this.#refreshMs = uiModel.refreshSeconds * 1000;
    this.#refresh = plan.refresh;
  }

  /**
   * Login and boot; false when the login failed, or when the scenario ends
   * too soon for a session: then the VU idles until that end instead of
   * logging in and out in a loop.
   */
  start(): boolean {
    if (this.endsAt - Date.now() < minSessionMs()) {
      // At the very end k6 may still start iterations for a moment: a short pause keeps them from spinning.
      const idle = this.#hardEnd - Date.now();
      sleep(Number.isFinite(idle) && idle > IDLE_FLOOR_MS ? idle / 1000 : IDLE_FLOOR_MS / 1000);
      return false;
    }
    if (!this.ox.login().ok) return false;
    this.boot = this.ox.boot();
    this.#nextRefresh = Date.now() + this.#refreshMs;
    return true;
  }

  get over(): boolean {
    return Date.now() >= this.endsAt;
  }

  /** Registers what to delete before logout (run last registered first). */
  onCleanup(fn: () => void): void {
    this.#cleanups.push(fn);
  }

  /** Think time (SIGNOFF_THINK_TIME × factor, ±50 %), cut at the session end; the auto-refresh fires when due. False once the session is over. */
  think(factor = 1): boolean {
    const mean = settings.thinkTimeSeconds * factor * 1000;
    this.#wait(Math.min(Date.now() + (mean > 0 ? mean * (0.5 + Math.random()) : 0), this.endsAt));
    return !this.over;
  }

  /** Until the session ends: one `action` per `gap` think times, the auto-refresh in between. */
  live(action: () => void, gap: number): void {
    while (this.think(gap)) action();
  }

  /** Cleanup of everything the session created, then logout. */
  end(): void {
    while (this.#cleanups.length > 0) this.#cleanups.pop()?.();
    this.ox.logout();
  }

  #wait(until: number): void {
    for (;;) {
      const now = Date.now();
      if (this.#refresh && this.#nextRefresh <= until) {
        if (this.#nextRefresh > now) sleep((this.#nextRefresh - now) / 1000);
        this.#refresh(this.ox);
        this.#nextRefresh += this.#refreshMs;
        continue;
      }
      if (until > now) sleep((until - now) / 1000);
      return;
    }
  }
}
