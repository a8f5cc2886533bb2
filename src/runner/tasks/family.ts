/**
 * What the check-family tasks (ldap, imap, accounts, api, gui) share: the
 * task shell that turns a probe into report checks without ever stopping the
 * run, requirement mapping by check name, evidence folders and JSON evidence,
 * and the sample accounts the probes log in with.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAccounts } from '../../config/accounts.ts';
import type { Account } from '../../config/accounts.ts';
import type { RequirementIdsSpec } from '../../config/suite.ts';
import { isSignoffError, SignoffError } from '../../errors.ts';
import type { CheckFamily, CheckResult, Evidence } from '../../model/types.ts';
import type { RunTarget, Task, TaskContext, TaskOutput } from '../task.ts';
import { sharedPassword } from './account-pool.ts';
import { triageCheck } from './triage.ts';

export type FamilyName = 'ldap' | 'imap' | 'accounts' | 'api' | 'gui';

/** `<runDir>/evidence/<family>/`, absolute, plus the run folder it is relative to. */
export interface EvidenceDirs {
  runDir: string;
  evidenceDir: string;
}

export function evidenceDirs(runDir: string, family: FamilyName): EvidenceDirs {
  return { runDir, evidenceDir: path.join(runDir, 'evidence', family) };
}

/** Writes a JSON evidence file (figures the report has no field for yet) and names it for the checks. */
export async function writeJsonEvidence(dirs: EvidenceDirs, file: string, data: unknown, title: string): Promise<Evidence> {
  await mkdir(dirs.evidenceDir, { recursive: true });
  const absolute = path.join(dirs.evidenceDir, file);
  await writeFile(absolute, `${JSON.stringify(data, null, 2)}\n`);
  return { kind: 'file', path: path.relative(dirs.runDir, absolute).split(path.sep).join('/'), title };
}

/** The check name a requirement mapping keys on: the id without the family prefix ("imap.tls" → "tls"); GUI checks by kind. */
function checkName(check: CheckResult): string {
  if (check.family === 'branding') return 'branding';
  if (check.family === 'gui') return 'smoke';
  return check.id.slice(check.id.indexOf('.') + 1);
}

/** Requirement ids of one check: the family's list, or the entry whose key is the check name or a prefix of it. */
export function requirementIdsOf(spec: RequirementIdsSpec, check: CheckResult): string[] {
  if (Array.isArray(spec)) return spec;
  const name = checkName(check);
  for (const [key, ids] of Object.entries(spec)) if (name === key || name.startsWith(`${key}.`)) return ids ?? [];
  return [];
}

/** Every id the family may prove (for checks reported before the probe ran, e.g. skipped after a failed setup). */
export function allRequirementIds(spec: RequirementIdsSpec): string[] {
  return Array.isArray(spec) ? spec : [...new Set(Object.values(spec).flatMap((ids) => ids ?? []))];
}

export interface SampleAccount {
  login: string;
  password: string;
  email: string;
  /** What the IMAP server expects (the CSV's imaplogin, else the mail address). */
  imapLogin: string;
  account: Account;
}

/** The first `count` accounts of the target's CSV, with their passwords (CSV column, else passwordEnv/passwordFile). */
export async function sampleAccounts(target: RunTarget, projectDir: string, count: number): Promise<SampleAccount[]> {
  if (!target.accounts) throw new SignoffError('CONFIG_INVALID', `target "${target.name}" has no accounts; set targets.${target.name}.accounts`);
  const csv = path.resolve(projectDir, target.accounts.file);
  const { accounts } = await loadAccounts(csv, { strict: true });
  const shared = await sharedPassword(target.accounts, projectDir);
  const chosen = accounts.slice(0, count);
  if (chosen.length === 0) throw new SignoffError('ACCOUNTS_INVALID', `${csv}: no accounts`);
  return chosen.map((account) => {
    const password = account.password ?? shared;
    if (!password) throw new SignoffError('ACCOUNTS_INVALID', `${csv}:${account.line}: no password for ${account.login}; add the password column or set accounts.passwordEnv / passwordFile`);
    return { login: account.login, password, email: account.email, imapLogin: account.imaplogin ?? account.email, account };
  });
}

export interface FamilyTaskOptions {
  family: FamilyName;
  title: string;
  requirementIds: RequirementIdsSpec;
  /** Runs the probe; its checks are mapped to requirements and triaged here. */
  run(ctx: TaskContext, target: RunTarget, dirs: EvidenceDirs): Promise<TaskOutput>;
}

/**
 * A family task never throws for what the target does: a probe that cannot
 * even start (target unreachable, CA unreadable) becomes one `error` check
 * with its code, and the run goes on with the next family. Only an abort
 * (deadline, interrupt) propagates, so the runner reports it as such.
 */
export function familyTask(options: FamilyTaskOptions): Task {
  const { family } = options;
  const reportFamily: CheckFamily = family;
  return {
    id: family,
    title: options.title,
    family: reportFamily,
    requirementIds: allRequirementIds(options.requirementIds),
    async run(ctx) {
      const target = ctx.state.target;
      if (!target) throw new SignoffError('INTERNAL', `${family}: no target is known when the checks start`);
      const dirs = evidenceDirs(ctx.runDir, family);
      const startedAt = ctx.clock.now();
      let output: TaskOutput;
      try {
        output = await options.run(ctx, target, dirs);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        const code = isSignoffError(error) ? error.code : 'INTERNAL';
        const message = error instanceof Error ? error.message : String(error);
        ctx.log(`${family}: ${code}: ${message}`, 'error');
        output = {
          checks: [
            { id: `${family}.run`, title: options.title, family: reportFamily, status: 'error', requirementIds: allRequirementIds(options.requirementIds), criteria: [], evidence: [], durationMs: Math.max(0, ctx.clock.now() - startedAt), error: { code, message } },
          ],
        };
        return output;
      }
      const checks = output.checks.map((check) => triageCheck({ ...check, requirementIds: requirementIdsOf(options.requirementIds, check) }));
      return { ...output, checks };
    },
  };
}
