/**
 * checks.accounts: every account of the migration CSV verified against the
 * target (LDAP bind, IMAP login and folders, OX login and one call). With
 * `--only-failed`, only the logins that failed in an earlier run are checked
 * again (recorded as a deviation: the report then covers a subset).
 * The summary figures go to evidence/accounts/summary.json; the failures to
 * evidence/accounts/accounts-failures.json (what a later --only-failed reads).
 */
import path from 'node:path';
import type { RunPlan } from '../../config/plan.ts';
import type { AccountsItem } from '../../config/suite.ts';
import { SignoffError } from '../../errors.ts';
import type { Deviation } from '../../model/types.ts';
import { verifyAccounts } from '../../probes/accounts/index.ts';
import type { AccountsTarget } from '../../probes/accounts/index.ts';
import type { RunTarget, Task } from '../task.ts';
import { sharedPassword } from './account-pool.ts';
import { familyTask, writeJsonEvidence } from './family.ts';

export const ACCOUNTS_SUMMARY_FILE = 'summary.json';

/** The target as the verification sees it: bindOnly DN per context when the target spells one out. */
export function accountsTarget(target: RunTarget): AccountsTarget {
  const imap = target.imap;
  if (!imap) throw new SignoffError('CONFIG_INVALID', `target "${target.name}" has no imap; set targets.${target.name}.imap`);
  const ldap = target.ldap;
  return {
    baseUrl: target.baseUrl,
    apiPath: target.apiPath,
    ...(target.caFile ? { caFile: target.caFile } : {}),
    imap,
    ...(ldap
      ? {
          ldap: {
            url: ldap.url,
            startTls: ldap.startTls,
            uidAttribute: ldap.uidAttribute,
            baseDnForContext: (cid: number) => (ldap.contextBaseDn ? ldap.contextBaseDn.replaceAll('{context}', String(cid)) : ldap.baseDn),
          },
        }
      : {}),
  };
}

export interface AccountsTaskOptions {
  /** `--only-failed`: the logins to check again; undefined checks every account. */
  onlyLogins?: Set<string> | undefined;
  /** Where those logins came from, for the deviation text. */
  onlyFailedFile?: string | undefined;
}

export function accountsTask(item: AccountsItem, plan: RunPlan, options: AccountsTaskOptions = {}): Task {
  const only = options.onlyLogins;
  return familyTask({
    family: 'accounts',
    title: only ? `Accounts: re-check of ${only.size} failed accounts` : 'Accounts: every migrated account verified',
    // Reason checks prove what the summary proves unless the suite maps "reason" itself.
    requirementIds: Array.isArray(item.requirementIds) || item.requirementIds.reason ? item.requirementIds : { ...item.requirementIds, reason: item.requirementIds.verified ?? [] },
    async run(ctx, target, dirs) {
      const csvSetting = item.csv ?? target.accounts?.file;
      if (!csvSetting) throw new SignoffError('CONFIG_INVALID', `target "${target.name}" has no accounts file and checks.accounts names no csv`);
      const csvFile = path.resolve(plan.projectDir, csvSetting);
      // Rows without a password column use the target's shared one, as the other families do.
      const shared = target.accounts ? await sharedPassword(target.accounts, plan.projectDir) : undefined;
      ctx.log(`verifying ${only ? `${only.size} previously failed accounts` : 'every account'} of ${csvFile} at concurrency ${item.concurrency}`);
      const result = await verifyAccounts({
        csvFile,
        target: accountsTarget(target),
        concurrency: item.concurrency,
        ...(shared ? { sharedPassword: shared } : {}),
        ...(only ? { onlyLogins: only } : {}),
        progress: false,
        signal: ctx.signal,
        ...dirs,
      });
      const summary = await writeJsonEvidence(dirs, ACCOUNTS_SUMMARY_FILE, result.summary, 'Accounts verification summary: totals, reasons, rate');
      ctx.log(`${result.summary.verified} of ${result.summary.total} accounts verified (${result.summary.accountsPerSecond} accounts/s)`);
      const deviations: Deviation[] = only
        ? [{ id: 'accounts.only-failed', text: `Only the ${only.size} accounts that failed in ${options.onlyFailedFile ?? 'an earlier run'} were verified again (--only-failed); the other accounts were not checked in this run.` }]
        : [];
      return { checks: result.checks.map((c) => ({ ...c, evidence: [...c.evidence, summary] })), deviations, probes: { accounts: result.summary } };
    },
  });
}
