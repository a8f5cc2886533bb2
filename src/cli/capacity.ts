/**
 * `signoff capacity [suite] --scenario <s>`: the largest load at which every
 * SLO holds. SLOs and target come from the suite and config when a suite is
 * given (the same resolution as `signoff run`), else from --slo and --target
 * (a URL, "sandbox" started for the search, or "sandbox:<name>").
 * With a suite the search becomes a run folder: runs/<id>/ with capacity.json,
 * the steps and a report.json carrying `capacity`, so `signoff sign` and the
 * protocol render the capacity curve like any other run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadAccounts } from '../config/accounts.ts';
import { parseSlo, type Slo } from '../config/load.ts';
import { resolveConfig } from '../config/resolve.ts';
import { resolveMetricsAuth } from '../config/metrics-auth.ts';
import { displayPath } from '../config/module-loader.ts';
import { SignoffError } from '../errors.ts';
import { findCapacity } from '../load/capacity/capacity.ts';
import type { LoadTarget } from '../load/capacity/target.ts';
import type { CapacityResult } from '../load/capacity/types.ts';
import { clientEnv } from '../load/client-env.ts';
import { durationMs } from '../load/k6-options.ts';
import { writeAccountPool } from '../runner/tasks/account-pool.ts';
import { resolveK6 } from '../tools/k6.ts';
import type { RunPlan } from '../config/plan.ts';
import { SCHEMA_VERSION, type CheckResult, type RunReport } from '../model/types.ts';
import { validateReport } from '../model/schema.ts';
import { currentEnvironment, HARNESS_VERSION } from '../runner/environment.ts';
import { createRunFolder, finalizeRunFolder, hashArtifacts, writeRunFile } from '../runner/run-folder.ts';
import { makeRunId } from '../runner/run-id.ts';
import { systemClock } from '../runner/clock.ts';
import { REPORT_FILE, renderJson } from '../../reporters/json.ts';
import { numberBetween, outputFolder, positiveDuration, seconds, wholeNumber } from './flag-values.ts';

interface CapacityFlags {
  scenario?: string;
  slo: string[];
  model: string;
  maxSessions: number;
  minSessions?: number;
  stepDuration: string;
  precision: number;
  target?: string;
  config?: string;
  accounts?: string;
  thinkTime?: number;
  out: string;
  json?: boolean;
}

export function parseSlos(sentences: readonly string[]): Slo[] {
  return sentences.map((sentence) => {
    const parsed = parseSlo(sentence);
    if (!parsed.ok) throw new SignoffError('USAGE', `--slo ${parsed.message}`);
    return parsed.slo;
  });
}

export interface ResolvedLoadTarget {
  target: LoadTarget;
  scenario: string;
  slos: Slo[];
  dispose: () => Promise<void>;
  /** The resolved plan when a suite was given (the capacity run folder's report comes from it). */
  plan?: RunPlan;
}

/** A JSON pool (0600, private temp folder) from an accounts CSV with passwords. */
async function poolFromCsv(csv: string): Promise<{ file: string; dispose: () => Promise<void> }> {
  const { accounts } = await loadAccounts(path.resolve(csv), { strict: true });
  const missing = accounts.find((a) => !a.password);
  if (missing) throw new SignoffError('ACCOUNTS_INVALID', `${csv}: ${missing.login} has no password; give a suite and a config target with accounts.passwordEnv/passwordFile instead`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signoff-accounts-'));
  const file = path.join(dir, 'accounts.json');
  await writeFile(file, JSON.stringify(accounts.map((a) => ({ login: a.login, password: a.password, email: a.email }))), { mode: 0o600 });
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function sandboxTarget(spec: string): Promise<{ target: Omit<LoadTarget, 'accountsFile'>; accountsCsv: string; dispose: () => Promise<void> }> {
  const sandbox = await import('../sandbox/sandbox.ts');
  const started = spec === 'sandbox';
  const name = started ? `capacity-${process.pid}` : spec.slice('sandbox:'.length);
  const info = started ? await sandbox.sandboxUp({ name }) : await sandbox.readSandbox(name);
  return {
    target: { baseUrl: info.balancerUrl, apiPath: info.apiPath, nodes: info.nodes },
    accountsCsv: info.accountsFile,
    dispose: started ? () => sandbox.sandboxDown(name) : async () => {},
  };
}

/** Target, scenario and SLOs, from a suite (+ config) or from flags. Shared with `signoff k8s`. */
export async function resolveLoadTarget(suite: string | undefined, flags: { scenario?: string; slo: string[]; target?: string; config?: string; accounts?: string; thinkTime?: number }): Promise<ResolvedLoadTarget> {
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of disposers.reverse()) await d().catch(() => undefined);
  };
  try {
    let scenario = flags.scenario;
    let slos = parseSlos(flags.slo);
    let target: LoadTarget | undefined;
    let resolvedPlan: RunPlan | undefined;
    const thinkTimeS = flags.thinkTime;
    if (suite) {
      const plan = await resolveConfig({ suiteFile: suite, configFile: flags.config, overrides: { targetName: flags.target } });
      resolvedPlan = plan;
      const tasks = plan.tasks.filter((t) => t.kind === 'load');
      const task = tasks.find((t) => !scenario || t.item.scenario === scenario || t.item.id === scenario) ?? (scenario ? undefined : tasks[0]);
      if (!task) throw new SignoffError('USAGE', `${suite} has no load item for scenario "${scenario ?? ''}"; it has: ${tasks.map((t) => t.item.scenario).join(', ') || 'none'}`);
      scenario = task.scenarioFile;
      if (slos.length === 0) slos = task.slos;
      const env = clientEnv(task.item, plan);
      if (plan.target.kind === 'remote') {
        const config = plan.target.config;
        if (!config.accounts) throw new SignoffError('CONFIG_INVALID', `target "${plan.target.name}" has no accounts for the load`);
        const pool = await writeAccountPool(config.accounts, plan.projectDir);
        disposers.push(pool.dispose);
        const nodes = await resolveMetricsAuth(config.nodes, { baseDir: plan.projectDir, where: `${plan.configFile ? displayPath(plan.configFile) : 'signoff.config.ts'}: targets.${plan.target.name}` });
        target = { baseUrl: config.baseUrl, apiPath: config.apiPath, accountsFile: pool.file, nodes, clientEnv: env, ...(config.caFile ? { caFile: path.resolve(plan.projectDir, config.caFile) } : {}) };
      } else {
        const sb = await sandboxTarget(plan.target.sandboxName ? `sandbox:${plan.target.sandboxName}` : 'sandbox');
        disposers.push(sb.dispose);
        const pool = await poolFromCsv(sb.accountsCsv);
        disposers.push(pool.dispose);
        target = { ...sb.target, accountsFile: pool.file, clientEnv: env };
      }
    } else {
      const spec = flags.target ?? 'sandbox';
      if (spec === 'sandbox' || spec.startsWith('sandbox:')) {
        const sb = await sandboxTarget(spec);
        disposers.push(sb.dispose);
        const pool = await poolFromCsv(flags.accounts ?? sb.accountsCsv);
        disposers.push(pool.dispose);
        target = { ...sb.target, accountsFile: pool.file };
      } else {
        if (!/^https?:\/\//.test(spec)) throw new SignoffError('USAGE', `--target ${spec}: give a URL, "sandbox" or "sandbox:<name>" (or a suite to use the config's targets)`);
        if (!flags.accounts) throw new SignoffError('USAGE', '--accounts <csv> is needed with a URL target');
        const pool = await poolFromCsv(flags.accounts);
        disposers.push(pool.dispose);
        target = { baseUrl: spec, accountsFile: pool.file };
      }
    }
    if (!scenario) throw new SignoffError('USAGE', '--scenario <name> is needed without a suite');
    if (slos.length === 0) throw new SignoffError('USAGE', 'no SLOs: give --slo "mail.all p95 < 500ms" (repeatable) or a suite whose load item has SLOs');
    if (thinkTimeS !== undefined) target.thinkTimeS = thinkTimeS;
    return { target, scenario, slos, dispose, ...(resolvedPlan ? { plan: resolvedPlan } : {}) };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The capacity search as a RunReport: one check (every SLO held at the capacity found) and `capacity`. */
export function capacityReport(input: { runId: string; plan: RunPlan; target: LoadTarget; result: CapacityResult; artifacts: RunReport['artifacts']; environment: RunReport['environment'] }): RunReport {
  const { plan, result } = input;
  const knee = result.curve.find((s) => s.level === result.bracket.lastPassing);
  const check: CheckResult = {
    id: `load.capacity.${result.scenario}`,
    title: `Capacity of ${result.scenario}: ${result.atLeast ? 'at least ' : ''}${result.capacity} ${result.unit} with every SLO held`,
    family: 'load',
    status: knee ? 'passed' : 'failed',
    requirementIds: plan.tasks.flatMap((t) => (t.kind === 'load' && (t.scenarioFile === result.scenario || t.item.scenario === result.scenario) ? t.item.requirementIds : [])),
    criteria: knee
      ? knee.slos.map((s) => ({ name: `${s.action} ${s.metric} at ${knee.level} ${result.unit}`, expected: `${s.op} ${s.threshold}`, measured: String(s.measured), passed: s.passed }))
      : [{ name: `SLOs at ${result.range.min} ${result.unit}`, expected: 'every SLO holds', measured: 'an SLO broke at the lowest level', passed: false }],
    evidence: [{ kind: 'file', path: 'capacity.json', title: 'capacity search: every step' }],
    durationMs: Math.round(result.wallTimeS * 1000),
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    run: { id: input.runId, suite: plan.suite.name, startedAt: result.startedAt, finishedAt: result.finishedAt, status: check.status === 'passed' ? 'passed' : 'failed', harnessVersion: HARNESS_VERSION, toolVersions: { k6: result.k6.version } },
    target: {
      name: plan.target.name,
      baseUrl: input.target.baseUrl,
      apiPath: input.target.apiPath ?? '/ajax',
      uiPath: plan.target.kind === 'remote' ? plan.target.config.uiPath : '/appsuite/',
      kind: plan.target.kind,
      nodes: (input.target.nodes ?? []).map((n) => n.route),
    },
    environment: input.environment,
    ...(plan.config.project ? { project: plan.config.project } : {}),
    ...(plan.config.signatories ? { signatories: plan.config.signatories } : {}),
    requirements: plan.requirements,
    checks: [check],
    load: [],
    deviations: [{ id: 'capacity.search', text: `A capacity search (${result.steps} steps of ${result.stepDurationS} s) instead of the suite's agreed load; only the load item's SLOs were evaluated.` }],
    artifacts: input.artifacts,
    capacity: result,
  };
}

export function formatCapacity(result: CapacityResult): string {
  const lines = [
    `capacity of ${result.scenario} (${result.model} model): ${result.atLeast ? '≥ ' : ''}${result.capacity} ${result.unit}` +
      (result.bracket.firstFailing === null ? ` (the highest level tried passed)` : result.bracket.lastPassing === null ? ` (even ${result.range.min} failed)` : ` (passes at ${result.bracket.lastPassing}, fails at ${result.bracket.firstFailing})`),
    `  SLOs: ${result.slos.join('; ')}`,
    `  ${result.steps} steps of ${result.stepDurationS} s, ${result.wallTimeS} s in all`,
    '  level   verdict  p95 ms   req/s   errors  binding SLO',
    ...result.curve.map((s) => `  ${String(s.level).padStart(5)}   ${(s.passed ? 'pass' : s.stoppedEarly ? 'FAIL!' : 'FAIL').padEnd(7)}  ${String(s.p95Ms).padStart(6)}  ${String(s.throughput).padStart(6)}  ${`${(s.errorRate * 100).toFixed(1)}%`.padStart(6)}  ${s.bindingSlo ?? ''}`),
  ];
  if (result.knee) {
    lines.push(`  server at ${result.knee.level}:`);
    for (const n of result.knee.server) lines.push(`    ${n.route}: ${n.rps} req/s, p95 ${n.p95Ms} ms, CPU max ${n.maxCpu ?? '?'} cores, memory max ${n.maxMemoryBytes ? Math.round(n.maxMemoryBytes / 2 ** 20) : '?'} MiB, sessions max ${n.maxSessions ?? '?'}, healthy ${n.healthyScrapes}/${n.scrapes}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerCapacity(program: Command): void {
  program
    .command('capacity')
    .description('find the largest number of concurrent sessions (or session rate) at which every SLO holds')
    .argument('[suite]', 'suite file: its load item gives the scenario SLOs, the config the target')
    .option('--scenario <name>', 'scenario (name in scenarios/ or path); with a suite: which load item')
    .option('--slo <sentence>', 'an SLO such as "mail.all p95 < 500ms" (repeatable; replaces the suite\'s)', (v: string, all: string[]) => [...all, v], [])
    .option('--model <model>', 'closed (concurrent sessions) or open (session starts per second)', 'closed')
    .option('--max-sessions <n>', 'highest level to try', wholeNumber(1), 40)
    .option('--min-sessions <n>', 'lowest level (default max/40)', wholeNumber(1))
    .option('--step-duration <d>', 'length of one step, e.g. 30s', positiveDuration, '30s')
    .option('--precision <ratio>', 'stop when passing and failing level are this close', numberBetween(0, 1), 0.05)
    .option('-t, --target <target>', 'a URL, "sandbox" (started and stopped) or "sandbox:<name>"; with a suite a config target')
    .option('-c, --config <file>', 'config file (with a suite)')
    .option('--accounts <csv>', 'accounts CSV with passwords (URL targets)')
    .option('--think-time <s>', 'mean think time between user actions in seconds', seconds)
    .option('--out <dir>', 'folder for capacity.json and the steps', outputFolder, 'runs')
    .option('--json', 'print capacity.json instead of the table')
    .action(async (suite: string | undefined, flags: CapacityFlags) => {
      if (flags.model !== 'closed' && flags.model !== 'open') throw new SignoffError('USAGE', `--model ${flags.model}: closed or open`);
      const stepDurationS = durationMs(flags.stepDuration) / 1000;
      const resolved = await resolveLoadTarget(suite, flags);
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const k6 = await resolveK6();
        // With a suite: a run folder (runs/<id>/, renamed complete at the end) whose report.json carries the capacity.
        const runId = resolved.plan ? makeRunId(systemClock) : undefined;
        const folder = runId ? await createRunFolder(flags.out, runId) : undefined;
        const runDir = folder?.partialDir ?? path.resolve(flags.out, `capacity-${new Date().toISOString().replace(/[:.]/g, '-')}`);
        try {
        const result = await findCapacity({
          scenarioFile: resolved.scenario,
          slos: resolved.slos,
          model: flags.model,
          maxSessions: flags.maxSessions,
          ...(flags.minSessions ? { minSessions: flags.minSessions } : {}),
          stepDurationS,
          precision: flags.precision,
          target: resolved.target,
          runDir,
          k6Path: k6.path,
          k6Version: k6.version,
          signal: controller.signal,
          onStep: (s) => {
            if (!flags.json) process.stderr.write(`step ${s.index}: ${s.level} → ${s.passed ? 'pass' : 'fail'} (p95 ${s.p95Ms} ms, ${s.throughput} req/s, ${(s.errorRate * 100).toFixed(1)} % errors)\n`);
          },
        });
        if (folder && runId && resolved.plan) {
          const report = capacityReport({ runId, plan: resolved.plan, target: resolved.target, result, artifacts: await hashArtifacts(folder.partialDir), environment: currentEnvironment() });
          validateReport(report);
          await writeRunFile(folder, REPORT_FILE, renderJson(report));
        }
        process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatCapacity(result)}  written: ${path.join(folder?.finalDir ?? runDir, folder ? REPORT_FILE : 'capacity.json')}\n`);
        } finally {
          if (folder) await finalizeRunFolder(folder);
        }
      } finally {
        process.off('SIGINT', onSignal);
        await resolved.dispose();
      }
    });
}
