/**
 * resolveConfig(): config file + suite file + CLI overrides → RunPlan.
 * Layers, in order: built-in defaults, signoff.config.ts, the suite, CLI flags.
 * Everything a run could trip over later (unknown scenario, requirement or
 * profile, a target that may not be loaded) is rejected here, before anything starts.
 */
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { SignoffError } from '../errors.ts';
import { SANDBOX_NAME } from '../sandbox/types.ts';
import type { ErrorCode } from '../errors.ts';
import type { Requirement } from '../model/types.ts';
import { configSchema, DEFAULT_CONFIG } from './config.ts';
import type { Config } from './config.ts';
import { parseDuration } from './duration.ts';
import { formatIssues } from './issues.ts';
import { displayPath, importDefault } from './module-loader.ts';
import type { LoadTaskSpec, RunPlan, TargetRef, TaskSpec } from './plan.ts';
import { loadRequirements } from './requirements.ts';
import { suiteSchema } from './suite.ts';
import type { RequirementIdsSpec, Suite } from './suite.ts';

export const DEFAULT_CONFIG_FILE = 'signoff.config.ts';

export interface Overrides {
  /** `--target`: a configured name, "sandbox" or "sandbox:<name>". */
  targetName?: string | undefined;
  /** `--profile`: a named profile every load item must offer. */
  profileName?: string | undefined;
  /** `--deadline`, e.g. "20m". */
  deadline?: string | undefined;
  /** `--verify-responses`: every load item checks its answers against the wire contracts. */
  verifyResponses?: boolean | undefined;
}

export interface ResolveOptions {
  /** Defaults to ./signoff.config.ts when that exists, else the built-in config (sandbox only). */
  configFile?: string | undefined;
  suiteFile: string;
  overrides?: Overrides;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function validate<S extends z.ZodType>(schema: S, input: unknown, file: string, code: ErrorCode): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SignoffError(code, formatIssues(file, input, result.error.issues).join('\n'));
}

async function loadConfig(configFile: string | undefined): Promise<{ config: Config; file: string | undefined }> {
  let file = configFile === undefined ? undefined : path.resolve(configFile);
  if (file === undefined && (await exists(path.resolve(DEFAULT_CONFIG_FILE)))) file = path.resolve(DEFAULT_CONFIG_FILE);
  if (file === undefined) return { config: DEFAULT_CONFIG, file };
  const input = await importDefault(file, 'CONFIG_INVALID');
  return { config: validate(configSchema, input, displayPath(file), 'CONFIG_INVALID'), file };
}

export async function loadSuite(suiteFile: string): Promise<Suite> {
  const file = path.resolve(suiteFile);
  const input = await importDefault(file, 'SUITE_INVALID');
  return validate(suiteSchema, input, displayPath(file), 'SUITE_INVALID');
}

function resolveTarget(config: Config, name: string, configShown: string): TargetRef {
  if (name === 'sandbox') return { kind: 'sandbox', name, sandboxName: undefined, start: true };
  if (name.startsWith('sandbox:')) {
    const sandboxName = name.slice('sandbox:'.length);
    if (!SANDBOX_NAME.test(sandboxName)) throw new SignoffError('USAGE', `--target ${name}: expected "sandbox:<name>" with the name of a running sandbox`);
    return { kind: 'sandbox', name, sandboxName, start: false };
  }
  const target = config.targets[name];
  if (!target) {
    const known = ['sandbox', 'sandbox:<name>', ...Object.keys(config.targets)].join(', ');
    throw new SignoffError('CONFIG_INVALID', `${configShown}: targets: no target "${name}"; known: ${known}`);
  }
  return { kind: 'remote', name, config: target };
}

/** The family slots and their requirement mappings, as `[path, ids]` pairs. */
function familyClaims(suite: Suite): (readonly [string, readonly string[]])[] {
  const slots: [string, RequirementIdsSpec | undefined][] = [
    ['probes.ldap', suite.probes.ldap?.requirementIds],
    ['probes.imap', suite.probes.imap?.requirementIds],
    ['checks.accounts', suite.checks.accounts?.requirementIds],
    ['checks.api', suite.checks.api?.requirementIds],
    ['gui', suite.gui?.requirementIds],
  ];
  return slots.flatMap(([where, spec]): (readonly [string, readonly string[]])[] => {
    if (spec === undefined) return [];
    if (Array.isArray(spec)) return [[`${where}.requirementIds`, spec] as const];
    return Object.entries(spec).map(([check, ids]) => [`${where}.requirementIds.${check}`, ids ?? []] as const);
  });
}

/** Project-relative paths the family slots name must exist before anything starts. */
async function checkFamilyPaths(suite: Suite, suiteShown: string, projectDir: string): Promise<void> {
  const paths: [string, string | undefined][] = [
    ['checks.accounts.csv', suite.checks.accounts?.csv],
    ['checks.api.migrationDir', suite.checks.api?.migrationDir],
    ['gui.brand', suite.gui?.brand],
    ['gui.baselineDir', suite.gui?.baselineDir],
  ];
  const problems: string[] = [];
  for (const [where, relative] of paths) {
    if (relative === undefined || where === 'gui.baselineDir') continue; // baselines are created by --update-baselines
    const absolute = path.resolve(projectDir, relative);
    if (!(await exists(absolute))) problems.push(`${suiteShown}: ${where}: "${relative}" does not exist (${displayPath(absolute)})`);
  }
  const api = suite.checks.api;
  for (const [j, file] of (api?.files ?? []).entries()) {
    const absolute = path.resolve(projectDir, api?.migrationDir ?? '', file);
    if (!(await exists(absolute))) problems.push(`${suiteShown}: checks.api.files[${j}]: "${file}" is not in ${api?.migrationDir ?? ''}`);
  }
  if (problems.length > 0) throw new SignoffError('SUITE_INVALID', problems.join('\n'));
}

/** What a configured target must describe for the families the suite runs. */
function checkTargetForFamilies(suite: Suite, target: TargetRef, configShown: string): void {
  if (target.kind !== 'remote') return;
  const at = `${configShown}: targets.${target.name}`;
  const needs: [boolean, string, string][] = [
    [suite.probes.ldap !== undefined && !target.config.ldap, 'ldap', 'probes.ldap needs { url, baseDn, … }'],
    [(suite.probes.imap !== undefined || suite.checks.accounts !== undefined || suite.checks.api !== undefined) && !target.config.imap, 'imap', 'the IMAP probe, accounts and API checks need { host, port, tls }'],
    [(suite.probes.imap !== undefined || suite.probes.ldap !== undefined || suite.checks.api !== undefined || suite.gui !== undefined) && !target.config.accounts, 'accounts', 'the probes, API and GUI checks log in with { file, passwordEnv | passwordFile }'],
    [suite.checks.accounts !== undefined && suite.checks.accounts.csv === undefined && !target.config.accounts, 'accounts', 'checks.accounts without csv verifies the target\'s accounts file'],
  ];
  const problems = needs.filter(([missing]) => missing).map(([, key, why]) => `${at}.${key}: missing; ${why}`);
  if (problems.length > 0) throw new SignoffError('CONFIG_INVALID', [...new Set(problems)].join('\n'));
}

async function resolveRequirements(suite: Suite, suiteShown: string, catalogueFile: string, catalogueShown: string): Promise<Requirement[]> {
  const needsCatalogue = suite.requirements.some((r) => typeof r === 'string');
  const catalogue = needsCatalogue ? await loadRequirements(catalogueFile, catalogueShown) : [];
  const byId = new Map(catalogue.map((row) => [row.id, row]));
  const problems: string[] = [];
  const requirements = suite.requirements.flatMap((entry, i): Requirement[] => {
    if (typeof entry !== 'string') return [entry.verification === undefined ? { id: entry.id, title: entry.title } : { ...entry }];
    const row = byId.get(entry);
    if (!row) {
      problems.push(`${suiteShown}: requirements[${i}]: "${entry}" is not in ${catalogueShown}`);
      return [];
    }
    return [{ id: row.id, title: row.requirement, verification: row.verification, responsible: row.responsible, due: row.due }];
  });
  // Every id an item claims to prove must be a requirement of the suite.
  const known = new Set(requirements.map((r) => r.id));
  const items = [...suite.load.map((item, i) => [`load[${i}]`, item] as const), ...suite.custom.map((item, i) => [`custom[${i}]`, item] as const)];
  const claims: (readonly [string, readonly string[]])[] = items.flatMap(([where, item]) => [
    [`${where}.requirementIds`, item.requirementIds] as const,
    ...('stickiness' in item && item.stickiness ? [[`${where}.stickiness.requirementIds`, item.stickiness.requirementIds] as const] : []),
    ...('balance' in item && item.balance ? [[`${where}.balance.requirementIds`, item.balance.requirementIds] as const] : []),
  ]);
  claims.push(...familyClaims(suite));
  for (const [where, ids] of claims) {
    ids.forEach((id, j) => {
      if (!known.has(id)) problems.push(`${suiteShown}: ${where}[${j}]: "${id}" is not among the suite's requirements`);
    });
  }
  if (problems.length > 0) throw new SignoffError('SUITE_INVALID', problems.join('\n'));
  return requirements;
}

async function knownScenarios(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
  } catch {
    return [];
  }
}

async function loadTasks(suite: Suite, suiteShown: string, projectDir: string, target: TargetRef, overrides: Overrides): Promise<LoadTaskSpec[]> {
  const { profileName } = overrides;
  const scenarioDir = path.join(projectDir, 'scenarios');
  const tasks: LoadTaskSpec[] = [];
  for (const [i, suiteItem] of suite.load.entries()) {
    const item = overrides.verifyResponses ? { ...suiteItem, verifyResponses: true } : suiteItem;
    const scenarioFile = path.join(scenarioDir, `${item.scenario}.ts`);
    if (!(await exists(scenarioFile))) {
      const known = await knownScenarios(scenarioDir);
      throw new SignoffError('SUITE_INVALID', `${suiteShown}: load[${i}].scenario: no scenario "${item.scenario}" (${displayPath(scenarioFile)}); known: ${known.join(', ') || 'none'}`);
    }
    let chosen: { name: string; profile: LoadTaskSpec['profile'] } = { name: 'agreed', profile: item.profile };
    if (profileName !== undefined && profileName !== 'agreed') {
      const profile = item.profiles[profileName];
      if (!profile) {
        const offered = ['agreed', ...Object.keys(item.profiles)].join(', ');
        throw new SignoffError('USAGE', `--profile ${profileName}: ${suiteShown}: load[${i}] ("${item.id}") has no profile "${profileName}"; it has: ${offered}`);
      }
      chosen = { name: profileName, profile };
    } else if (profileName === undefined && target.kind === 'sandbox' && item.profiles.sandbox) {
      chosen = { name: 'sandbox', profile: item.profiles.sandbox };
    }
    tasks.push({ kind: 'load', id: `load.${item.id}`, title: `Load: ${item.scenario} (${chosen.name})`, item, scenarioFile, profileName: chosen.name, profile: chosen.profile, slos: item.slos });
  }
  return tasks;
}

function checkLoadAllowed(target: TargetRef, configShown: string): void {
  if (target.kind !== 'remote') return;
  if (!target.config.allowLoad) {
    throw new SignoffError('LOAD_NOT_ALLOWED', `${configShown}: targets.${target.name}.allowLoad: the suite has load items, but target "${target.name}" does not allow load`);
  }
  if (!target.config.accounts) {
    throw new SignoffError('CONFIG_INVALID', `${configShown}: targets.${target.name}.accounts: the suite has load items; expected { file, passwordEnv | passwordFile }`);
  }
}

export async function resolveConfig(options: ResolveOptions): Promise<RunPlan> {
  const overrides = options.overrides ?? {};
  // 1. The config (or the built-in one) and the suite, each validated strictly.
  const { config, file: configFile } = await loadConfig(options.configFile);
  const configShown = configFile ? displayPath(configFile) : '(built-in config)';
  const projectDir = configFile ? path.dirname(configFile) : process.cwd();
  const suiteFile = path.resolve(options.suiteFile);
  const suiteShown = displayPath(suiteFile);
  const suite = await loadSuite(suiteFile);

  // 2. The target, and whether this suite may run against it.
  const target = resolveTarget(config, overrides.targetName ?? config.defaultTarget, configShown);
  if (suite.load.length > 0) checkLoadAllowed(target, configShown);
  checkTargetForFamilies(suite, target, configShown);
  await checkFamilyPaths(suite, suiteShown, projectDir);

  // 3. Requirements and tasks, in the order they run.
  const catalogue = path.resolve(projectDir, config.requirementsFile);
  const requirements = await resolveRequirements(suite, suiteShown, catalogue, displayPath(catalogue));
  const tasks: TaskSpec[] = [];
  if (target.kind === 'sandbox') {
    tasks.push({ kind: 'sandbox', id: 'sandbox', title: target.start ? 'Sandbox (started for this run)' : `Sandbox ${target.sandboxName}`, sandboxName: target.sandboxName, start: target.start });
  }
  tasks.push(...(await loadTasks(suite, suiteShown, projectDir, target, overrides)));
  tasks.push(...suite.custom.map((check) => ({ kind: 'custom' as const, id: `custom.${check.id}`, title: check.title, check })));

  const deadlineText = overrides.deadline ?? config.deadline;
  const deadlineMs = parseDuration(deadlineText);
  if (deadlineMs === undefined) throw new SignoffError('USAGE', `--deadline ${deadlineText}: expected a duration such as "30s", "5m" or "1h"`);

  return { projectDir, configFile, suiteFile, config, suite, target, requirements, tasks, deadlineMs };
}
