/**
 * A task is one step of a run: optional setup, run, optional teardown.
 * Tasks run in order; teardowns run in reverse order, also after a failure,
 * so whatever a task started (a sandbox, k6, a temp file) is cleaned up.
 */
import type { CheckFamily, CheckResult, LoadResult, Deviation, ProbeSummaries } from '../model/types.ts';
import type { LoadProgress, LogEvent } from '../model/events.ts';
import type { MetricsAuthConfig, TargetConfig } from '../config/config.ts';
import type { Clock } from './clock.ts';

/** The deployment a run talks to, once known (a sandbox is only known after it started). */
export interface RunTarget {
  name: string;
  kind: 'sandbox' | 'remote';
  baseUrl: string;
  apiPath: string;
  uiPath: string;
  caFile: string | undefined;
  allowLoad: boolean;
  /** metricsAuth names the credentials of a node's /metrics; the load task resolves them. */
  nodes: { route: string; url: string; metricsAuth?: MetricsAuthConfig }[];
  imap: TargetConfig['imap'];
  ldap: TargetConfig['ldap'];
  accounts: TargetConfig['accounts'];
}

/** State that tasks share; the sandbox task fills in the target for the tasks after it. */
export interface RunState {
  target: RunTarget | undefined;
}

export interface TaskContext {
  runId: string;
  /** Absolute path of the run folder being built; evidence paths are relative to it. */
  runDir: string;
  /** Aborted on deadline or interrupt; the reason is the SignoffError to report. */
  signal: AbortSignal;
  clock: Clock;
  state: RunState;
  log(message: string, level?: LogEvent['level']): void;
  progress(progress: Omit<LoadProgress, 'taskId'>): void;
}

export interface TaskOutput {
  checks: CheckResult[];
  load?: LoadResult[];
  deviations?: Deviation[];
  /** What a probe family measured beyond its checks (RunReport.probes). */
  probes?: ProbeSummaries;
  /** e.g. { k6: "v2.2.0" }, merged into run.toolVersions. */
  toolVersions?: Record<string, string>;
}

export interface Task {
  id: string;
  title: string;
  /** "setup" tasks (sandbox) produce no checks; a failure there ends the run. */
  family: CheckFamily | 'setup';
  requirementIds: string[];
  setup?(ctx: TaskContext): Promise<void>;
  run(ctx: TaskContext): Promise<TaskOutput>;
  teardown?(ctx: TaskContext): Promise<void>;
  /** What a task that failed or was stopped still has to report (e.g. the samples k6 took until then). */
  partialOutput?(): TaskOutput | undefined;
}

/** The target's redacted view for the report: no accounts, no secrets. */
export function targetForReport(target: RunTarget): { name: string; baseUrl: string; apiPath: string; uiPath: string; kind: 'sandbox' | 'remote'; nodes: string[] } {
  return { name: target.name, baseUrl: target.baseUrl, apiPath: target.apiPath, uiPath: target.uiPath, kind: target.kind, nodes: target.nodes.map((n) => n.route) };
}

export function checkStatusFromCriteria(criteria: { passed: boolean }[]): CheckResult['status'] {
  return criteria.every((c) => c.passed) ? 'passed' : 'failed';
}
