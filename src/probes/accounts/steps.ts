/**
 * The three things a migrated account must be able to do, each as one step
 * that returns what went wrong (or nothing): bind to LDAP as itself, log in to
 * IMAP and see its folders, log in to the OX HTTP API and use the session.
 * Steps never throw: a failure is data, so one broken account cannot stop a run.
 */
import { ResultCodeError } from 'ldapts';
import { isSignoffError } from '../../errors.ts';
import { OxApiError, OxClient } from '../api/ox-client.ts';
import { isIpCheckError } from '../api/ox-errors.ts';
import { describeError } from '../common/criteria.ts';
import { ldapResultName } from '../ldap/connection.ts';
import { bindOnlyDn } from '../ldap/login.ts';
import type { ImapEndpoint } from '../imap/session.ts';
import { closeCheckSession, openCheckSession, type Dispatcher, type LdapBindPool } from './connections.ts';
import type { Account } from '../../config/accounts.ts';
import type { AccountsTarget, FailureReason, StepFailure, VerificationStep } from './types.ts';

/** Everything a step needs that is the same for every account (CA read once, connections pooled). */
export interface StepContext {
  target: AccountsTarget;
  imap: ImapEndpoint;
  /** LDAP connections reused across accounts; every account binds on its own. */
  ldap?: LdapBindPool;
  /** One keep-alive HTTP pool for every account's OxClient. */
  oxDispatcher?: Dispatcher;
  stepTimeoutMs: number;
}

const fail = (step: VerificationStep, reason: FailureReason, message: string): StepFailure => ({ step, reason, message });

/** Transport problems are the same whatever the protocol: our codes, or a timeout. */
function transportReason(error: unknown): FailureReason | undefined {
  if (isSignoffError(error)) {
    if (error.code === 'TLS_FAILED') return 'TLS_FAILED';
    if (error.code === 'LDAP_UNREACHABLE' || error.code === 'TARGET_UNREACHABLE') return 'UNREACHABLE';
  }
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'TIMEOUT';
  return undefined;
}

/** Rejects after `ms` and aborts the step's signal, so a hanging server costs bounded time. */
async function bounded<T>(ms: number, what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what}: no answer within ${ms} ms`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function ldapStep(ctx: StepContext, account: Account, password: string): Promise<StepFailure | undefined> {
  const ldap = ctx.target.ldap;
  if (!ldap || !ctx.ldap) return undefined;
  const dn = bindOnlyDn(ldap.uidAttribute ?? 'uid', account.username, ldap.baseDnForContext(account.contextid));
  try {
    const pool = ctx.ldap;
    const outcome = await bounded(ctx.stepTimeoutMs, `LDAP bind as ${dn}`, (signal) => pool.bind(dn, password, signal));
    if (outcome.ok) return undefined;
    if (outcome.error instanceof ResultCodeError) return fail('ldap', 'LDAP_BIND_FAILED', `bind as ${dn}: ${ldapResultName(outcome.error)}`);
    return fail('ldap', transportReason(outcome.error) ?? 'UNREACHABLE', outcome.error.message);
  } catch (error) {
    return fail('ldap', transportReason(error) ?? 'UNREACHABLE', describeError(error));
  }
}

/** A mailbox named in the CSV exists when a path equals it or ends in it after the hierarchy delimiter. */
function hasFolder(paths: { path: string; delimiter: string }[], name: string): boolean {
  return paths.some((p) => p.path === name || p.path.endsWith(`${p.delimiter}${name}`));
}

export function expectedFolders(account: Account): string[] {
  const names = [account.mail_folder_drafts_name, account.mail_folder_sent_name, account.mail_folder_spam_name, account.mail_folder_trash_name];
  return names.filter((n): n is string => !!n);
}

export async function imapStep(ctx: StepContext, account: Account, password: string): Promise<StepFailure[]> {
  const login = account.imaplogin ?? account.email;
  try {
    return await bounded(ctx.stepTimeoutMs, `IMAP login as ${login}`, async (signal) => {
      const client = await openCheckSession(ctx.imap, login, password, signal);
      try {
        await client.status('INBOX', { messages: true });
        const wanted = expectedFolders(account);
        if (wanted.length === 0) return [];
        const list = await client.list();
        return wanted.filter((name) => !hasFolder(list, name)).map((name) => fail('imap', 'IMAP_FOLDER_MISSING', `folder "${name}" (from the CSV) not found`));
      } finally {
        await closeCheckSession(client);
      }
    });
  } catch (error) {
    if (isSignoffError(error) && error.code === 'IMAP_AUTH_FAILED') return [fail('imap', 'IMAP_LOGIN_FAILED', error.message)];
    const reason = transportReason(error);
    // Anything else after login (STATUS refused, LIST failed) is the mailbox, not the login.
    return [fail('imap', reason ?? 'IMAP_FOLDER_MISSING', describeError(error))];
  }
}

export async function oxStep(ctx: StepContext, account: Account, password: string): Promise<StepFailure | undefined> {
  const client = new OxClient({
    baseUrl: ctx.target.baseUrl,
    apiPath: ctx.target.apiPath,
    ...(ctx.oxDispatcher ? { dispatcher: ctx.oxDispatcher } : ctx.target.caFile ? { caFile: ctx.target.caFile } : {}),
    timeoutMs: ctx.stepTimeoutMs,
  });
  try {
    await client.login(account.login, password);
  } catch (error) {
    await client.close();
    return fail('ox', oxTransportReason(error) ?? 'OX_LOGIN_FAILED', `login as ${account.login}: ${oxMessage(error)}`);
  }
  try {
    await client.call('config/identifier', undefined);
    return undefined;
  } catch (error) {
    return fail('ox', oxTransportReason(error) ?? 'OX_CALL_FAILED', `config/identifier: ${oxMessage(error)}`);
  } finally {
    await client.logout().catch(() => undefined);
    await client.close(); // a no-op on the run's shared pool
  }
}

function oxTransportReason(error: unknown): FailureReason | undefined {
  // The IP check refused the session: a balancer/egress problem, located as such.
  if (isIpCheckError(error)) return 'OX_IP_CHECK_FAILED';
  if (error instanceof OxApiError) return undefined;
  const transport = transportReason(error);
  if (transport) return transport;
  // undici: "fetch failed" with the socket error as cause.
  const cause = (error as { cause?: { code?: string } })?.cause;
  if (cause?.code && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO/.test(cause.code)) return 'TLS_FAILED';
  return 'UNREACHABLE';
}

function oxMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const base = describeError(error);
  return cause?.message && !(error instanceof OxApiError) ? `${base} (${cause.code ?? cause.message})` : base;
}
