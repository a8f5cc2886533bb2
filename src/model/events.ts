/**
 * What reporters see while a run goes on (before the RunReport exists):
 * the plan in brief, task boundaries, live load progress and log lines.
 * Read-only data, so the runner can change its internals freely.
 */
import type { CheckFamily } from './types.ts';

export interface RunStart {
  runId: string;
  suite: { name: string; title: string };
  target: { name: string; kind: 'sandbox' | 'remote' };
  tasks: { id: string; title: string; family: CheckFamily | 'setup' }[];
  /** ISO time the run started (from the injected clock). */
  startedAt: string;
}

export interface TaskStart {
  id: string;
  title: string;
  family: CheckFamily | 'setup';
}

/** One live sample of a running load task (k6 emits one every few seconds). */
export interface LoadProgress {
  taskId: string;
  scenario: string;
  elapsedS: number;
  totalS: number;
  vus: number;
  rps: number;
  /** ms over the last interval; undefined before the first response. */
  p95?: number | undefined;
  errorRate: number;
}

export interface LogEvent {
  level: 'info' | 'warn' | 'error';
  message: string;
  taskId?: string | undefined;
}
