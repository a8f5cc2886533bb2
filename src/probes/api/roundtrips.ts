/**
 * API round-trips: vCard and iCal migration files imported and exported again
 * (compared field by field), mail from A to B through the API, and a password
 * change that must take effect everywhere and is always undone.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../../model/types.ts';
import { criterion, makeCheck, type CheckIdentity } from '../common/check.ts';
import { describeError } from '../common/criteria.ts';
import { redactSecrets } from '../common/redact.ts';
import { loadCaTrust, TLS_ERROR_CODE } from '../common/tls.ts';
import type { ImapEndpoint } from '../imap/session.ts';
import { MAIL_DELIVERY_CHECK, mailDelivery } from './mail-delivery.ts';
import { migrationIdentity, migrationRoundTrip, type MigrationKind } from './migration.ts';
import { oxCheckCode } from './ox-errors.ts';
import { legacyCalendarFolderId } from './calendar-ids.ts';
import { OxClient } from './ox-client.ts';
import { PASSWORD_CHANGE_CHECK, passwordChange } from './password-change.ts';
import type { ApiRoundTripInput } from './types.ts';

const DEFAULT_DELIVERY_TIMEOUT_MS = 20_000;

async function migrationFiles(dir: string): Promise<{ kind: MigrationKind; file: string }[]> {
  const names = (await readdir(dir)).sort();
  return [
    ...names.filter((n) => /\.vcf$/i.test(n)).map((n) => ({ kind: 'vcard' as const, file: join(dir, n) })),
    ...names.filter((n) => /\.ics$/i.test(n)).map((n) => ({ kind: 'ical' as const, file: join(dir, n) })),
  ];
}

/** The code a failed login gets: an untrusted certificate is TLS_FAILED, not a refused login (fetch wraps the cause). */
function loginFailureCode(error: unknown): 'TLS_FAILED' | 'OX_LOGIN_FAILED' {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TLS_ERROR_CODE.test(code)) return 'TLS_FAILED';
  }
  return 'OX_LOGIN_FAILED';
}

/** Every check fails at login the same way when A cannot log in. */
function loginFailed(identities: CheckIdentity[], login: string, error: unknown, input: ApiRoundTripInput, secrets: string[]): CheckResult[] {
  const message = redactSecrets(`OX login as ${login} failed: ${describeError(error)}`, secrets);
  const code = loginFailureCode(error);
  return identities.map((identity) =>
    makeCheck(identity, input.requirementIds, performance.now(), { criteria: [criterion(`OX login as ${login}`, 'accepted', message, false)], error: { code, message } }),
  );
}

/** The contacts and calendar folders of A; iCal import/export take the legacy (bare) calendar id, chronos would take chronosFolderId(…). */
async function defaultFolders(client: OxClient): Promise<Record<MigrationKind, string>> {
  const contacts = String(await client.call('config/folder/contacts', undefined));
  const calendar = legacyCalendarFolderId(String(await client.call('config/folder/calendar', undefined)));
  return { vcard: contacts, ical: calendar };
}

function setupFailed(identities: CheckIdentity[], error: unknown, input: ApiRoundTripInput, secrets: string[]): CheckResult[] {
  const message = redactSecrets(`reading the default folders failed: ${describeError(error)}`, secrets);
  const code = oxCheckCode(error, 'OX_API_FAILED');
  return identities.map((identity) =>
    makeCheck(identity, input.requirementIds, performance.now(), { criteria: [criterion('default folders', 'readable', message, false)], error: { code, message } }),
  );
}

export async function runApiRoundTrips(input: ApiRoundTripInput): Promise<CheckResult[]> {
  const [a, b] = input.accounts;
  const secrets = [a.password, b.password];
  const target = input.target;
  const imap: ImapEndpoint = { ...target.imap, ...(await loadCaTrust(target.caFile)) };
  const files = await migrationFiles(input.migrationDir);
  const identities = [...files.map((f) => migrationIdentity(f.kind, f.file)), MAIL_DELIVERY_CHECK, PASSWORD_CHANGE_CHECK];
  const client = new OxClient({ baseUrl: target.baseUrl, apiPath: target.apiPath, ...(target.caFile ? { caFile: target.caFile } : {}) });
  try {
    await client.login(a.login, a.password);
  } catch (error) {
    await client.close();
    return loginFailed(identities, a.login, error, input, secrets);
  }
  const checks: CheckResult[] = [];
  try {
    const folders = await defaultFolders(client).catch((error: unknown) => {
      // E.g. SES-0205 from the IP check: every check of this session fails alike, located.
      checks.push(...setupFailed(identities.slice(0, -1), error, input, secrets));
      return undefined;
    });
    if (folders) {
      for (const { kind, file } of files) checks.push(await migrationRoundTrip(kind, client, folders[kind], file, input, input.requirementIds));
      checks.push(await mailDelivery(client, a, b, imap, input.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS, input.requirementIds));
    }
  } finally {
    await client.logout().catch(() => undefined);
    await client.close();
  }
  // Last, on its own sessions: the change invalidates nothing the other checks hold.
  checks.push(await passwordChange(target, a, imap, input.requirementIds));
  return checks;
}
