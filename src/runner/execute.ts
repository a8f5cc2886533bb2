/**
 * One run from plan to finished run folder:
 *   1. run id and `runs/.<id>.partial/`
 *   2. tasks from the plan, reporters told the run started
 *   3. tasks run (deadline, interrupt, teardown in reverse)
 *   4. the RunReport: artifacts hashed, schema-validated
 *   5. reporter files written (report.json always), folder renamed to `runs/<id>/`
 * Steps 4–5 also happen after a failure or an interrupt: a partial report is a report.
 */
import path from 'node:path';
import { SignoffError } from '../errors.ts';
import type { ExitCode } from '../errors.ts';
import type { RunPlan } from '../config/plan.ts';
import type { RunReport } from '../model/types.ts';
import type { RunStart } from '../model/events.ts';
import { storableComparison } from '../model/baseline.ts';
import { validateReport } from '../model/schema.ts';
import { compareWithBaseline } from '../report/baseline.ts';
import { REPORT_FILE, renderJson } from '../../reporters/json.ts';
import type { ReportFile, Reporter } from '../../reporters/types.ts';
import { isoTime, systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { currentEnvironment, HARNESS_VERSION } from './environment.ts';
import type { Environment } from './environment.ts';
import { buildReport, exitCodeFor, primaryError } from './report.ts';
import { createRunFolder, finalizeRunFolder, hashArtifacts, writeRunFile } from './run-folder.ts';
import { makeRunId, randomSuffix } from './run-id.ts';
import type { RandomSuffix } from './run-id.ts';
import type { RunState, RunTarget, Task } from './task.ts';
import { runSecrets, scanForSecrets, secretForms } from './secret-scan.ts';
import { runTasks } from './task-runner.ts';
import { createTasks } from './tasks/index.ts';
import type { SandboxLifecycle } from './tasks/sandbox.ts';

export interface ExecuteOptions {
  /** Parent of the run folders, e.g. "runs". */
  outDir: string;
  reporters: Reporter[];
  clock?: Clock;
  randomSuffix?: RandomSuffix;
  environment?: Environment;
  /** Aborted by SIGINT/SIGTERM; its reason an INTERRUPTED SignoffError. */
  signal?: AbortSignal;
  graceMs?: number;
  /** Tests replace the task modules; by default they come from the plan. */
  tasks?: Task[];
  /** Needed for sandbox targets: the sandbox is a separate program, the CLI hands in its lifecycle. */
  sandbox?: SandboxLifecycle;
  /** `--only-failed`: the accounts task checks only these logins again. */
  onlyFailed?: { logins: Set<string>; file: string };
  /** `--update-baselines`: the GUI task rewrites its screenshot baselines (a deviation). */
  updateBaselines?: boolean;
  /** `--baseline`: an earlier run's report; the comparison with it is stored in the report (RunReport.baseline). */
  baseline?: RunReport;
  /** `--segments N`: every load item runs as N k6 processes (execution segments), merged into one LoadResult. */
  segments?: number;
}

export interface RunOutcome {
  runDir: string;
  report: RunReport;
  exitCode: ExitCode;
}

function remoteTarget(plan: RunPlan): RunTarget | undefined {
  if (plan.target.kind !== 'remote') return undefined;
  const t = plan.target.config;
  return { name: plan.target.name, kind: 'remote', baseUrl: t.baseUrl, apiPath: t.apiPath, uiPath: t.uiPath, caFile: t.caFile === undefined ? undefined : path.resolve(plan.projectDir, t.caFile), allowLoad: t.allowLoad, nodes: t.nodes, imap: t.imap, ldap: t.ldap, accounts: t.accounts };
}

/** The secret scan over the task files and the report about to be written; a hit is the run's error. */
async function leakedSecrets(plan: RunPlan, target: RunTarget | undefined, dir: string, report: RunReport): Promise<SignoffError | undefined> {
  const secrets = await runSecrets(plan, target);
  const hits = await scanForSecrets(dir, secrets);
  const reportText = Buffer.from(renderJson(report));
  if (secrets.some((s) => secretForms(s).some((f) => reportText.includes(f.text)))) hits.push({ file: REPORT_FILE, form: 'in a message' });
  if (hits.length === 0) return undefined;
  return new SignoffError('SECRET_LEAKED', `a secret appears in ${hits.map((h) => `${h.file} (${h.form})`).join(', ')}; the run is not signed`);
}

async function each(reporters: Reporter[], call: (r: Reporter) => unknown): Promise<void> {
  for (const reporter of reporters) await call(reporter);
}

export async function executeRun(plan: RunPlan, options: ExecuteOptions): Promise<RunOutcome> {
  const clock = options.clock ?? systemClock;
  const reporters = options.reporters;

  // 1. Run id and the partial folder.
  const startedAt = clock.now();
  const runId = makeRunId(clock, options.randomSuffix ?? randomSuffix);
  const folder = await createRunFolder(options.outDir, runId);

  try {
    // 2. Tasks and the start event.
    const tasks = options.tasks ?? createTasks(plan, { sandbox: options.sandbox, onlyFailed: options.onlyFailed, updateBaselines: options.updateBaselines, segments: options.segments });
    const state: RunState = { target: remoteTarget(plan) };
    const start: RunStart = {
      runId,
      suite: { name: plan.suite.name, title: plan.suite.title },
      target: { name: plan.target.name, kind: plan.target.kind },
      tasks: tasks.map((t) => ({ id: t.id, title: t.title, family: t.family })),
      startedAt: isoTime(startedAt),
    };
    await each(reporters, (r) => r.onRunStart?.(start));

    // 3. The tasks.
    const outcome = await runTasks({
      runId,
      runDir: folder.partialDir,
      tasks,
      state,
      clock,
      deadlineMs: plan.deadlineMs,
      signal: options.signal,
      ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
      hooks: {
        onTaskStart: (task) => each(reporters, (r) => r.onCheckStart?.({ id: task.id, title: task.title, family: task.family })),
        onCheckEnd: (check) => each(reporters, (r) => r.onCheckEnd?.(check)),
        // Live events are fire-and-forget: a slow reporter must not slow k6 ingestion.
        onProgress: (p) => void each(reporters, (r) => r.onProgress?.(p)),
        onLog: (e) => void each(reporters, (r) => r.onLog?.(e)),
      },
    });

    // 4. The report, from the files the tasks left (reporter outputs are rendered from it, so not in it).
    const report = buildReport({
      plan,
      runId,
      startedAtIso: isoTime(startedAt),
      finishedAtIso: isoTime(clock.now()),
      target: state.target,
      outcome,
      environment: options.environment ?? currentEnvironment(),
      harnessVersion: HARNESS_VERSION,
      artifacts: await hashArtifacts(folder.partialDir),
    });
    if (options.baseline) report.baseline = storableComparison(compareWithBaseline(report, options.baseline));
    const leaks = await leakedSecrets(plan, state.target, folder.partialDir, report);
    if (leaks) report.run = { ...report.run, status: 'error', error: { code: leaks.code, message: leaks.message, phase: 'secret scan', hint: leaks.hint } };
    validateReport(report);

    // 5. Reporter files; report.json is the run's record, so it is written even if no reporter asked.
    const files: ReportFile[] = [];
    for (const reporter of reporters) {
      const produced = await reporter.onRunEnd?.(report);
      if (produced) files.push(...produced);
    }
    if (!files.some((f) => f.path === REPORT_FILE)) files.push({ path: REPORT_FILE, content: renderJson(report) });
    for (const file of files) await writeRunFile(folder, file.path, file.content);

    return { runDir: folder.finalDir, report, exitCode: leaks ? leaks.exitCode : exitCodeFor(report.run.status, primaryError(outcome)) };
  } finally {
    await finalizeRunFolder(folder);
  }
}
