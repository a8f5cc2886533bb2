/**
 * Verifies every account of a migration CSV against the target: LDAP bind,
 * IMAP login + INBOX (+ the folders the CSV names), OX login + one call +
 * logout. Runs a bounded pool of accounts at once, reports each failure with
 * a reason code and its CSV line, and writes the failures as evidence that a
 * later `--only-failed` run reads back.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import pLimit from 'p-limit';
import { parseAccountsCsv, type Account, type AccountProblem } from '../../config/accounts.ts';
import { SignoffError } from '../../errors.ts';
import type { CheckResult, Evidence } from '../../model/types.ts';
import type { ImapEndpoint } from '../imap/session.ts';
import type { LdapEndpoint } from '../ldap/connection.ts';
import { redactSecrets } from '../common/redact.ts';
import { loadCaTrust } from '../common/tls.ts';
import { FAILURES_FILE } from './only-failed.ts';
import { startProgress } from './progress.ts';
import { accountsChecks } from './results.ts';
import { LdapBindPool, sharedOxDispatcher } from './connections.ts';
import { imapStep, ldapStep, oxStep, type StepContext } from './steps.ts';
import type { AccountFailure, AccountsSummary, FailureReason, StepFailure, VerificationStep, VerifyAccountsInput } from './types.ts';

export interface VerifyAccountsResult {
  checks: CheckResult[];
  summary: AccountsSummary;
  failures: AccountFailure[];
}

const DEFAULT_CONCURRENCY = 32;
const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** One failure per bad CSV line (a line can break several columns). */
function rowFailures(problems: AccountProblem[]): AccountFailure[] {
  const byLine = new Map<number, AccountProblem[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  return [...byLine].map(([line, list]) => ({
    login: `line ${line}`,
    file: list[0]?.file ?? '',
    line,
    reason: 'CSV_ROW_INVALID' as const,
    failures: list.map((p) => ({ step: 'csv' as const, reason: 'CSV_ROW_INVALID' as const, message: `column "${p.column}": ${p.message}` })),
  }));
}

/** The run's shared state; `close` ends the pooled LDAP and HTTP connections. */
async function stepContext(input: VerifyAccountsInput, concurrency: number): Promise<StepContext & { close(): Promise<void> }> {
  const trust = await loadCaTrust(input.target.caFile);
  const imap: ImapEndpoint = { ...input.target.imap, ...trust };
  const ldapTarget = input.target.ldap;
  const ldapEndpoint: LdapEndpoint | undefined = ldapTarget ? { url: ldapTarget.url, startTls: ldapTarget.startTls ?? false, ...trust } : undefined;
  const ldap = ldapEndpoint ? new LdapBindPool(ldapEndpoint) : undefined;
  const oxDispatcher = sharedOxDispatcher(trust, concurrency);
  return {
    target: input.target,
    imap,
    ...(ldap ? { ldap } : {}),
    oxDispatcher,
    stepTimeoutMs: input.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    async close() {
      await Promise.all([ldap?.close(), oxDispatcher.close().catch(() => undefined)]);
    },
  };
}

/**
 * All three steps run even when one fails: the report then says which of them work.
 * The password is the row's own, else the target's shared one (passwordEnv / passwordFile).
 */
async function verifyOne(ctx: StepContext, account: Account, sharedPassword: string | undefined): Promise<AccountFailure | undefined> {
  const password = account.password ?? sharedPassword;
  const failures: StepFailure[] = [];
  if (!password) {
    failures.push({ step: 'csv', reason: 'PASSWORD_MISSING', message: 'the row has no password and the target sets no accounts.passwordEnv / passwordFile; the account cannot be logged in' });
  } else {
    const [ldap, imap, ox] = await Promise.all([ldapStep(ctx, account, password), imapStep(ctx, account, password), oxStep(ctx, account, password)]);
    if (ldap) failures.push(ldap);
    failures.push(...imap);
    if (ox) failures.push(ox);
  }
  const first = failures[0];
  if (!first) return undefined;
  return { login: account.login, file: '', line: account.line, reason: first.reason, failures };
}

function countByReason(failures: AccountFailure[]): Partial<Record<FailureReason, number>> {
  const counts: Partial<Record<FailureReason, number>> = {};
  for (const f of failures) for (const reason of new Set(f.failures.map((s) => s.reason))) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}

async function writeFailures(input: VerifyAccountsInput, summary: AccountsSummary, failures: AccountFailure[], secrets: string[]): Promise<Evidence> {
  await mkdir(input.evidenceDir, { recursive: true });
  const file = join(input.evidenceDir, FAILURES_FILE);
  // Messages come from servers and libraries: blank every known password once more.
  const text = redactSecrets(`${JSON.stringify({ summary, failures }, null, 2)}\n`, secrets);
  await writeFile(file, text, { mode: 0o644 });
  return { kind: 'file', path: relative(input.runDir, file), title: 'Accounts that did not verify, with reason codes and CSV lines' };
}

export async function verifyAccounts(input: VerifyAccountsInput): Promise<VerifyAccountsResult> {
  const startedAt = performance.now();
  let text: string;
  try {
    text = await readFile(input.csvFile, 'utf8');
  } catch (cause) {
    throw new SignoffError('ACCOUNTS_INVALID', `${input.csvFile}: cannot read the accounts file`, { cause });
  }
  const parsed = parseAccountsCsv(text, input.csvFile);
  const only = input.onlyLogins;
  const accounts = only ? parsed.accounts.filter((a) => only.has(a.login)) : parsed.accounts;
  const invalidRows = rowFailures(parsed.problems).filter((f) => !only || only.has(f.login));
  const shared = input.sharedPassword || undefined;
  const secrets = [...parsed.accounts.map((a) => a.password), shared].filter((p): p is string => !!p);

  const concurrency = Math.max(1, Math.floor(input.concurrency ?? DEFAULT_CONCURRENCY));
  const ctx = await stepContext(input, concurrency);
  const limit = pLimit(concurrency);
  const progress = startProgress(accounts.length, input.progress);
  const failures: AccountFailure[] = [...invalidRows];
  let checked = 0;
  const poolStarted = performance.now();
  try {
    await Promise.all(
      accounts.map((account) =>
        limit(async () => {
          if (input.signal?.aborted) return;
          const failure = await verifyOne(ctx, account, shared);
          checked += 1;
          if (failure) failures.push({ ...failure, file: input.csvFile });
          progress.tick(!!failure);
        }),
      ),
    );
  } finally {
    progress.stop();
    await ctx.close();
  }
  if (input.signal?.aborted) throw new SignoffError('INTERRUPTED', `account verification interrupted after ${checked} of ${accounts.length} accounts`);
  const poolSeconds = (performance.now() - poolStarted) / 1000;

  failures.sort((a, b) => a.line - b.line);
  const steps: VerificationStep[] = input.target.ldap ? ['csv', 'ldap', 'imap', 'ox'] : ['csv', 'imap', 'ox'];
  const total = accounts.length + invalidRows.length;
  const summary: AccountsSummary = {
    csvFile: input.csvFile,
    total,
    verified: total - failures.length,
    failed: failures.length,
    failedByReason: countByReason(failures),
    concurrency,
    durationMs: Math.round(performance.now() - startedAt),
    accountsPerSecond: poolSeconds > 0 ? Math.round((checked / poolSeconds) * 10) / 10 : 0,
    steps,
  };
  const evidence = await writeFailures(input, summary, failures, secrets);
  const checks = accountsChecks(summary, failures, evidence, input.requirementIds, startedAt, secrets);
  return { checks, summary, failures };
}
