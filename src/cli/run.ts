/**
 * `signoff run <suite>`: resolve config + suite into a plan, run it, write the
 * run folder, exit with the verdict (0 passed, 1 failed, 2 config, 3 infra,
 * 130 interrupted). With --json, stdout carries one JSON line and nothing else.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { outputFolder } from './flag-values.ts';
import pc from 'picocolors';
import { EXIT, exitCodeOf, isSignoffError, SignoffError } from '../errors.ts';
import { resolveConfig } from '../config/resolve.ts';
import { BUILTIN_REPORTERS, isBuiltinReporter } from '../../reporters/index.ts';
import type { Reporter, ReporterOptions } from '../../reporters/index.ts';
import { describeBaseline } from '../../reporters/format.ts';
import { executeRun } from '../runner/execute.ts';
import { preflightInputs } from '../runner/preflight.ts';
import { abortOnTerminationSignals } from '../runner/signals.ts';
import type { SandboxLifecycle } from '../runner/tasks/sandbox.ts';
import { displayPath } from '../config/module-loader.ts';
import { PROTOCOL_PDF } from '../sign/manifest.ts';
import { reportError } from './report-error.ts';
import { markProtocolInterrupted, readBaseline, writeProtocol } from './protocol.ts';

export const DEFAULT_REPORTERS = 'console,json,junit';

export interface RunCommandOptions {
  config?: string;
  target?: string;
  reporter: string;
  json?: boolean;
  out: string;
  profile?: string;
  deadline?: string;
  onlyFailed?: string;
  updateBaselines?: boolean;
  /** commander's negated `--no-protocol`. */
  protocol?: boolean;
  baseline?: string;
  segments?: string;
  verifyResponses?: boolean;
}

/** `--segments <n>`: 1–64 k6 processes per load item. */
export function parseSegments(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new SignoffError('USAGE', `--segments ${value}: give a whole number of k6 processes from 1 to 64`);
  return n;
}

export function createReporters(list: string, options: ReporterOptions): Reporter[] {
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return [...new Set(names)].map((name) => {
    if (!isBuiltinReporter(name)) {
      throw new SignoffError('USAGE', `--reporter ${name}: unknown reporter; built in: ${Object.keys(BUILTIN_REPORTERS).join(', ')}`);
    }
    return BUILTIN_REPORTERS[name](options);
  });
}

/** Loaded only when a run targets the sandbox. */
const sandboxLifecycle: SandboxLifecycle = {
  up: async (name) => (await import('../sandbox/sandbox.ts')).sandboxUp({ name }),
  read: async (name) => (await import('../sandbox/sandbox.ts')).readSandbox(name),
  down: async (name) => (await import('../sandbox/sandbox.ts')).sandboxDown(name),
};

/** `--only-failed <report.json|accounts-failures.json>`: the logins of an earlier run's failed accounts. */
async function onlyFailedLogins(file: string, suiteHasAccounts: boolean, suiteFile: string): Promise<{ logins: Set<string>; file: string }> {
  if (!suiteHasAccounts) throw new SignoffError('USAGE', `--only-failed ${file}: ${suiteFile} has no checks.accounts to re-run`);
  const { readFailedLogins } = await import('../probes/accounts/index.ts');
  const logins = await readFailedLogins(path.resolve(file));
  if (logins.size === 0) throw new SignoffError('USAGE', `--only-failed ${file}: no failed accounts in it; nothing to check again`);
  return { logins, file };
}

export interface RunCommandResult {
  exitCode: number;
  runDir: string;
  /** protocol.pdf, when one was written. */
  protocolFile: string | undefined;
}

export async function runCommand(suiteFile: string, options: RunCommandOptions): Promise<RunCommandResult> {
  // With --json, stdout is reserved for the one result line; the console goes to stderr.
  const out = options.json ? process.stderr : process.stdout;
  const color = Boolean(out.isTTY) && pc.isColorSupported;
  const reporters = createReporters(options.reporter, { out, color });
  const plan = await resolveConfig({
    configFile: options.config,
    suiteFile,
    overrides: { targetName: options.target, profileName: options.profile, deadline: options.deadline, verifyResponses: options.verifyResponses },
  });
  const onlyFailed = options.onlyFailed === undefined ? undefined : await onlyFailedLogins(options.onlyFailed, plan.suite.checks.accounts !== undefined, suiteFile);
  if (options.updateBaselines && !plan.suite.gui) throw new SignoffError('USAGE', `--update-baselines: ${displayPath(plan.suiteFile)} has no gui checks whose baselines could be updated`);
  const baseline = options.baseline === undefined ? undefined : await readBaseline(options.baseline);
  await preflightInputs(plan, { protocol: plan.config.protocol.enabled && options.protocol !== false });
  const segments = parseSegments(options.segments);
  if (segments !== undefined && segments > 1 && !plan.tasks.some((t) => t.kind === 'load')) throw new SignoffError('USAGE', `--segments ${segments}: ${displayPath(plan.suiteFile)} has no load item to split`);
  const controller = new AbortController();
  const release = abortOnTerminationSignals(controller);
  try {
    const outcome = await executeRun(plan, {
      outDir: options.out,
      reporters,
      signal: controller.signal,
      sandbox: sandboxLifecycle,
      ...(onlyFailed ? { onlyFailed } : {}),
      ...(options.updateBaselines ? { updateBaselines: true } : {}),
      // The comparison is stored in report.json (RunReport.baseline); every reporter shows it from there.
      ...(baseline ? { baseline } : {}),
      ...(segments !== undefined ? { segments } : {}),
    });
    let exitCode: number = outcome.exitCode;
    let protocolFile: string | undefined;
    // Without the console reporter the comparison still reaches the terminal.
    if (outcome.report.baseline && !reporters.some((r) => r.printsToStdio?.())) out.write(`${describeBaseline(outcome.report.baseline).join('\n')}\n`);
    if (outcome.report.run.error?.code === 'SECRET_LEAKED') out.write(`signoff: SECRET_LEAKED: ${outcome.report.run.error.message}\n`);
    const protocolWanted = plan.config.protocol.enabled && options.protocol !== false;
    // A folder holding a secret is never signed; an interrupted run has no protocol.
    if (protocolWanted && outcome.report.run.status !== 'interrupted' && outcome.report.run.error?.code !== 'SECRET_LEAKED') {
      try {
        // The protocol renders the comparison stored in the report.
        const protocol = await writeProtocol(plan, outcome.runDir, controller.signal);
        protocolFile = path.join(outcome.runDir, PROTOCOL_PDF);
        out.write(`protocol: ${displayPath(protocolFile)} (${SIGNATURE_WORDS[protocol.signature]})\n`);
        if (protocol.signError) reportError(protocol.signError);
      } catch (error) {
        reportError(error);
        if (isSignoffError(error) && error.code === 'INTERRUPTED') {
          outcome.report = await markProtocolInterrupted(outcome.runDir, error);
          exitCode = EXIT.interrupted;
        } else if (exitCode === EXIT.ok) {
          // The verdict stands; a missing protocol is an infrastructure problem only when all else passed.
          exitCode = exitCodeOf(error);
        }
      }
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ runDir: outcome.runDir, status: outcome.report.run.status, exitCode, ...(protocolFile ? { protocol: protocolFile } : {}) })}\n`);
    } else {
      out.write(`run folder: ${displayPath(outcome.runDir)}\n`);
    }
    return { exitCode, runDir: outcome.runDir, protocolFile };
  } finally {
    release();
  }
}

const SIGNATURE_WORDS = { signed: 'signed', demo: 'demo signature — not for sign-off', unsigned: 'UNSIGNED' } as const;

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run an acceptance suite against a target and write the run folder (report.json, junit.xml, evidence)')
    .argument('<suite>', 'suite file, e.g. suites/nightly.ts')
    .option('-c, --config <file>', 'project configuration (default: ./signoff.config.ts when present)')
    .option('-t, --target <name>', 'target from the config, "sandbox" (started for the run) or "sandbox:<name>" (running)')
    .option('-r, --reporter <list>', 'comma-separated reporters: console, json, junit', DEFAULT_REPORTERS)
    .option('--json', 'print one JSON line {"runDir","status","exitCode"} on stdout; console output goes to stderr')
    .option('-o, --out <dir>', 'parent folder of the run folders', outputFolder, 'runs')
    .option('-p, --profile <name>', 'use this named load profile of every load item instead of the agreed one')
    .option('--deadline <duration>', 'end the run after this long, e.g. "20m" (default: the config\'s deadline)')
    .option('--only-failed <file>', 'check only the accounts that failed in an earlier run (its report.json or accounts-failures.json); accounts checks only')
    .option('--update-baselines', 'rewrite the GUI screenshot baselines from this run (recorded as a deviation in the report)')
    .option('--verify-responses', "check every load answer against the project's OX wire contracts (src/contract); a violation fails the contract check")
    .option('--baseline <run>', 'compare with an earlier run (its folder or report.json): stored in report.json; regressions in the console, junit.xml, summary.md and the protocol')
    .option('--segments <n>', 'run every load item as n k6 processes (execution segments) on this machine, merged into one result')
    .option('--no-protocol', 'skip the test protocol (protocol.html/.pdf, summary.md, manifest.json)')
    .action(async (suite: string, options: RunCommandOptions) => {
      process.exitCode = (await runCommand(suite, options)).exitCode;
    });
}
