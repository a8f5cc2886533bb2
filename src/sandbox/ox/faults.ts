/**
 * Injected faults of one node (set through the loopback admin endpoint), so
 * harness checks can be shown to fail when they should.
 */
import type { FaultSpec } from '../types.ts';
import { OxError } from './envelope.ts';

type LatencyFault = Extract<FaultSpec, { kind: 'latency' }>;
type ErrorsFault = Extract<FaultSpec, { kind: 'errors' }>;

export type FaultDecision = { kind: 'none' } | { kind: 'http503' } | { kind: 'envelope'; error: OxError };

export class FaultState {
  latency: LatencyFault | undefined;
  errors: ErrorsFault | undefined;
  loginBroken = false;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  get active(): boolean {
    return this.latency !== undefined || this.errors !== undefined || this.loginBroken;
  }

  /** One fault per kind: a new spec replaces the previous one of its kind. */
  apply(spec: FaultSpec): void {
    if (spec.kind === 'latency') this.latency = spec;
    else if (spec.kind === 'errors') this.errors = spec;
    else this.loginBroken = true;
  }

  clear(): void {
    this.latency = undefined;
    this.errors = undefined;
    this.loginBroken = false;
  }

  list(): FaultSpec[] {
    const specs: FaultSpec[] = [];
    if (this.latency) specs.push(this.latency);
    if (this.errors) specs.push(this.errors);
    if (this.loginBroken) specs.push({ kind: 'login-broken' });
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
}

function matches(fault: { module?: string; action?: string }, module: string, action: string): boolean {
  return (fault.module === undefined || fault.module === module) && (fault.action === undefined || fault.action === action);
}

/** Validates an admin request body into a FaultSpec; returns a reason string when invalid. */
export function parseFaultSpec(value: unknown): FaultSpec | string {
  if (typeof value !== 'object' || value === null) return 'expected a JSON object';
  const spec = value as Record<string, unknown>;
  const filter = (): { module?: string; action?: string } | string => {
    const out: { module?: string; action?: string } = {};
    for (const key of ['module', 'action'] as const) {
      const v = spec[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v === '') return `${key} must be a non-empty string`;
      out[key] = v;
    }
    return out;
  };
  switch (spec.kind) {
    case 'latency': {
      if (typeof spec.ms !== 'number' || !Number.isFinite(spec.ms) || spec.ms < 0 || spec.ms > 600_000) return 'latency.ms must be 0..600000';
      const f = filter();
      return typeof f === 'string' ? f : { kind: 'latency', ms: spec.ms, ...f };
    }
    case 'errors': {
      if (typeof spec.rate !== 'number' || !(spec.rate >= 0 && spec.rate <= 1)) return 'errors.rate must be 0..1';
      if (spec.as !== 'http503' && spec.as !== 'envelope') return 'errors.as must be "http503" or "envelope"';
      const f = filter();
      return typeof f === 'string' ? f : { kind: 'errors', rate: spec.rate, as: spec.as, ...f };
    }
    case 'login-broken':
      return { kind: 'login-broken' };
    default:
      return 'kind must be latency, errors or login-broken';
  }
}
