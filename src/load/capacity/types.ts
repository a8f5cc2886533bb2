/** What a capacity search reports (plain data; capacity.json is this as JSON). */
import type { CheckResult, SloVerdict } from '../../model/types.ts';
import type { NodeSummary } from '../../monitor/types.ts';

export type LoadModel = 'closed' | 'open';

/** Server-side figures of one node over one step (from the monitor). */
export interface StepServerFigures extends NodeSummary {
  route: string;
}

export interface CapacityStep {
  /** Order in which the step ran, from 1. */
  index: number;
  /** Concurrent sessions (closed) or session starts per second (open). */
  level: number;
  passed: boolean;
  /** Stopped before its time because the SLOs broke hard. */
  stoppedEarly: boolean;
  hardBreak: boolean;
  /** The SLO nearest to its threshold (or furthest past it), as written. */
  bindingSlo?: string;
  slack: number;
  p95Ms: number;
  /** Requests per second over the step. */
  throughput: number;
  errorRate: number;
  requests: number;
  slos: SloVerdict[];
  /** Per node, when nodes were monitored. */
  server?: StepServerFigures[];
  /** The cluster health check over the step, when nodes were monitored. */
  health?: CheckResult;
  startedAt: string;
  wallTimeS: number;
  /** Folder of the step (k6 log, summary, script), relative to the run folder. */
  dir: string;
}

export interface CapacityResult {
  scenario: string;
  model: LoadModel;
  unit: 'sessions' | 'sessions/s';
  /** Highest level at which every SLO held; 0 when even the lowest failed. */
  capacity: number;
  /** True when the highest level tried passed: the capacity is at least this. */
  atLeast: boolean;
  bracket: { lastPassing: number | null; firstFailing: number | null };
  /** Width of the bracket relative to the capacity (0.05 = 5 %), null without a bracket. */
  precision: number | null;
  range: { min: number; max: number };
  slos: string[];
  /** Every step, by level. */
  curve: CapacityStep[];
  /** Server-side figures of the last passing step. */
  knee?: { level: number; server: StepServerFigures[] };
  steps: number;
  stepDurationS: number;
  wallTimeS: number;
  startedAt: string;
  finishedAt: string;
  k6: { version: string };
}
