/**
 * Injected faults of one node (set through the loopback admin endpoint), so
 * harness checks can be shown to fail when they should.
 */
import type { FaultSpec } from '../types.ts';
import { OxError } from './envelope.ts';
import { OX_RATE_LIMIT_DEFAULTS, PREPARED_RATE_LIMIT, RateLimiter } from './rate-limit.ts';

type LatencyFault = Extract<FaultSpec, { kind: 'latency' }>;
type ErrorsFault = Extract<FaultSpec, { kind: 'errors' }>;
type WarningsFault = Extract<FaultSpec, { kind: 'warnings' }>;
type RateLimitFault = Extract<FaultSpec, { kind: 'rate-limit' }>;

export type FaultDecision = { kind: 'none' } | { kind: 'http503' } | { kind: 'envelope'; error: OxError };

export class FaultState {
  latency: LatencyFault | undefined;
  errors: ErrorsFault | undefined;
  warnings: WarningsFault | undefined;
  rateLimit: RateLimitFault | undefined;
  loginBroken = false;
  clientIpChanges = false;
  /** Autologin switched by the fault; undefined = the node's configured value. */
  autologin: boolean | undefined;
  /** The limiter in force: a prepared deployment (generator exempt) unless the rate-limit fault is on. */
  limiter = new RateLimiter(PREPARED_RATE_LIMIT);
  readonly #random: () => number;
  #ipCounter = 0;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  get active(): boolean {
    return this.list().length > 0;
  }

  /** One fault per kind: a new spec replaces the previous one of its kind. */
  apply(spec: FaultSpec): void {
    switch (spec.kind) {
      case 'latency':
        this.latency = spec;
        return;
      case 'errors':
        this.errors = spec;
        return;
      case 'warnings':
        this.warnings = spec;
        return;
      case 'rate-limit':
        this.rateLimit = spec;
        this.limiter = new RateLimiter({ ...OX_RATE_LIMIT_DEFAULTS, maxRate: spec.maxRate ?? OX_RATE_LIMIT_DEFAULTS.maxRate, windowMs: spec.windowMs ?? OX_RATE_LIMIT_DEFAULTS.windowMs });
        return;
      case 'client-ip-changes':
        this.clientIpChanges = true;
        return;
      case 'autologin':
        this.autologin = spec.enabled;
        return;
      case 'login-broken':
        this.loginBroken = true;
        return;
    }
  }

  clear(): void {
    this.latency = undefined;
    this.errors = undefined;
    this.warnings = undefined;
    this.rateLimit = undefined;
    this.limiter = new RateLimiter(PREPARED_RATE_LIMIT);
    this.loginBroken = false;
    this.clientIpChanges = false;
    this.autologin = undefined;
  }

  list(): FaultSpec[] {
    const specs: FaultSpec[] = [];
    for (const f of [this.latency, this.errors, this.warnings, this.rateLimit]) if (f) specs.push(f);
    if (this.loginBroken) specs.push({ kind: 'login-broken' });
    if (this.clientIpChanges) specs.push({ kind: 'client-ip-changes' });
    if (this.autologin !== undefined) specs.push({ kind: 'autologin', enabled: this.autologin });
    return specs;
  }

  latencyFor(module: string, action: string): number {
    const fault = this.latency;
    return fault && matches(fault, module, action) ? fault.ms : 0;
  }

  errorFor(module: string, action: string): FaultDecision {
    const fault = this.errors;
    if (!fault || !matches(fault, module, action) || this.#random() >= fault.rate) return { kind: 'none' };
    return fault.as === 'http503' ? { kind: 'http503' } : { kind: 'envelope', error: new OxError('SRV-0002') };
  }

  /** The warning to add to a successful answer, if the warnings fault picks this one. */
  warningFor(module: string, action: string): OxError | undefined {
    const fault = this.warnings;
    if (!fault || !matches(fault, module, action) || this.#random() >= fault.rate) return undefined;
    return new OxError('SRV-0003');
  }

  /** With client-ip-changes on, every request seems to come from another address (10.99.x.y). */
  clientAddress(seen: string): string {
    if (!this.clientIpChanges) return seen;
    this.#ipCounter = (this.#ipCounter + 1) % 65_000;
    return `10.99.${Math.floor(this.#ipCounter / 250)}.${(this.#ipCounter % 250) + 1}`;
  }
}

function matches(fault: { module?: string; action?: string }, module: string, action: string): boolean {
  return (fault.module === undefined || fault.module === module) && (fault.action === undefined || fault.action === action);
}

type Filter = { module?: string; action?: string };

function filterOf(spec: Record<string, unknown>): Filter | string {
  const out: Filter = {};
  for (const key of ['module', 'action'] as const) {
    const v = spec[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') return `${key} must be a non-empty string`;
    out[key] = v;
  }
  return out;
}

function positiveOptional(spec: Record<string, unknown>, key: string): number | undefined | string {
  const v = spec[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return `rate-limit.${key} must be a whole number ≥ 1`;
  return v;
}

function rateLimitSpec(spec: Record<string, unknown>): FaultSpec | string {
  const maxRate = positiveOptional(spec, 'maxRate');
  if (typeof maxRate === 'string') return maxRate;
  const windowMs = positiveOptional(spec, 'windowMs');
  if (typeof windowMs === 'string') return windowMs;
  return { kind: 'rate-limit', ...(maxRate === undefined ? {} : { maxRate }), ...(windowMs === undefined ? {} : { windowMs }) };
}

/** Validates an admin request body into a FaultSpec; returns a reason string when invalid. */
export function parseFaultSpec(value: unknown): FaultSpec | string {
  if (typeof value !== 'object' || value === null) return 'expected a JSON object';
  const spec = value as Record<string, unknown>;
  switch (spec.kind) {
    case 'latency': {
      if (typeof spec.ms !== 'number' || !Number.isFinite(spec.ms) || spec.ms < 0 || spec.ms > 600_000) return 'latency.ms must be 0..600000';
      const f = filterOf(spec);
      return typeof f === 'string' ? f : { kind: 'latency', ms: spec.ms, ...f };
    }
    case 'errors': {
      if (typeof spec.rate !== 'number' || !(spec.rate >= 0 && spec.rate <= 1)) return 'errors.rate must be 0..1';
      if (spec.as !== 'http503' && spec.as !== 'envelope') return 'errors.as must be "http503" or "envelope"';
      const f = filterOf(spec);
      return typeof f === 'string' ? f : { kind: 'errors', rate: spec.rate, as: spec.as, ...f };
    }
    case 'warnings': {
      if (typeof spec.rate !== 'number' || !(spec.rate >= 0 && spec.rate <= 1)) return 'warnings.rate must be 0..1';
      const f = filterOf(spec);
      return typeof f === 'string' ? f : { kind: 'warnings', rate: spec.rate, ...f };
    }
    case 'rate-limit':
      return rateLimitSpec(spec);
    case 'autologin':
      if (typeof spec.enabled !== 'boolean') return 'autologin.enabled must be true or false';
      return { kind: 'autologin', enabled: spec.enabled };
    case 'client-ip-changes':
    case 'login-broken':
      return { kind: spec.kind };
    default:
      return 'kind must be latency, errors, warnings, rate-limit, client-ip-changes, autologin or login-broken';
  }
}
