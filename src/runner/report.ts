/**
 * Assembles the RunReport from the plan, the task outcome and the run's
 * metadata, and decides the run status and the process exit code.
 */
import { EXIT, exitCodeOf } from '../errors.ts';
import type { ExitCode } from '../errors.ts';
import { SCHEMA_VERSION } from '../model/types.ts';
import type { Artifact, RunReport, RunStatus } from '../model/types.ts';
import type { RunPlan } from '../config/plan.ts';
import type { Environment } from './environment.ts';
import type { RunTarget } from './task.ts';
import { targetForReport } from './task.ts';
import type { RunError, TaskRunnerOutcome } from './task-runner.ts';

export function runStatus(outcome: TaskRunnerOutcome): RunStatus {
  if (outcome.runError?.code === 'INTERRUPTED') return 'interrupted';
  if (outcome.runError || outcome.teardownErrors.length > 0) return 'error';
  if (outcome.checks.some((c) => c.status === 'error')) return 'error';
  if (outcome.checks.some((c) => c.status === 'failed')) return 'failed';
  return 'passed';
}

/** The error the run is reported with: the first that stopped it, else the first teardown failure. */
export function primaryError(outcome: TaskRunnerOutcome): RunError | undefined {
  return outcome.runError ?? outcome.teardownErrors[0];
}

export function exitCodeFor(status: RunStatus, error: RunError | undefined): ExitCode {
  switch (status) {
    case 'passed':
      return EXIT.ok;
    case 'failed':
      return EXIT.acceptanceFailed;
    case 'interrupted':
      return EXIT.interrupted;
    case 'error':
      return error ? exitCodeOf(error.error) : EXIT.infrastructure;
  }
}

export interface ReportInput {
  plan: RunPlan;
  runId: string;
  startedAtIso: string;
  finishedAtIso: string;
  target: RunTarget | undefined;
  outcome: TaskRunnerOutcome;
  environment: Environment;
  harnessVersion: string;
  artifacts: Artifact[];
}

export function buildReport(input: ReportInput): RunReport {
  const { plan, outcome } = input;
  const error = primaryError(outcome);
  const target = input.target
    ? targetForReport(input.target)
    : // A sandbox that never came up has no URL; "about:blank" says so without inventing one.
      { name: plan.target.name, baseUrl: 'about:blank', apiPath: '/ajax', uiPath: '/appsuite/', kind: plan.target.kind, nodes: [] };
  return {
    schemaVersion: SCHEMA_VERSION,
    run: {
      id: input.runId,
      suite: plan.suite.name,
      startedAt: input.startedAtIso,
      finishedAt: input.finishedAtIso,
      status: runStatus(outcome),
      harnessVersion: input.harnessVersion,
      toolVersions: outcome.toolVersions,
      ...(error ? { error: { code: error.code, message: error.message, ...(error.phase ? { phase: error.phase } : {}), ...(error.hint ? { hint: error.hint } : {}) } } : {}),
    },
    target,
    environment: input.environment,
    project: plan.config.project,
    signatories: plan.config.signatories,
    requirements: plan.requirements,
    checks: outcome.checks,
    load: outcome.load,
    deviations: outcome.deviations,
    artifacts: input.artifacts,
    ...(Object.keys(outcome.probes).length > 0 ? { probes: outcome.probes } : {}),
  };
}
