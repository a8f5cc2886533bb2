/**
 * The LDAP authentication probe: does the directory authenticate the sample
 * accounts the way OX's LDAP plugin (ldapauth.properties) would? Reproduces
 * both plugin modes — bindOnly (DN built from the login) and search (find
 * exactly one entry, bind with its DN) — and reports which one works and why
 * the other does not.
 */
import type { Client } from 'ldapts';
import type { CheckResult } from '../../model/types.ts';
import { SignoffError } from '../../errors.ts';
import { makeCheck, notRunCheck, skippedCheck, type CheckIdentity, type RequirementMap } from '../common/check.ts';
import { Criteria, describeError } from '../common/criteria.ts';
import { LatencyRecorder, latencyCheck } from '../common/stats.ts';
import { loadCaTrust } from '../common/tls.ts';
import { Transcript } from '../common/transcript.ts';
import { bindOnce, classifyLdapError, ldapResultName, openLdap, tlsFacts, transportOf, type LdapEndpoint } from './connection.ts';
import { bindOnlyDn, splitOxLogin, userSearchFilter } from './login.ts';

import type { LdapAuthMode, LdapModeOutcome, LdapSummary } from '../../model/probes.ts';

export type { LdapAuthMode };

export interface LdapProbeInput {
  url: string;
  startTls?: boolean;
  caFile?: string;
  baseDn: string;
  /** 'auto' tries both OX modes and uses the one that works. */
  mode?: 'auto' | LdapAuthMode;
  uidAttribute?: string;
  /** bindOnly base per context (OX itself uses baseDn for every context). */
  contextBaseDn?: (contextId: string) => string;
  searchFilter?: string;
  /** Service bind for the search; anonymous when absent. */
  bind?: { dn: string; passwordEnv?: string };
  /** OX logins (user@context) with their passwords. */
  accounts: { login: string; password: string }[];
  requiredAttributes?: string[];
  /** Only this account is ever tried with a wrong password (it may get locked by a policy). */
  probeAccountForWrongPassword?: string;
  requirementIds?: Record<string, string[]>;
  runDir: string;
  evidenceDir: string;
}

export type { LdapModeOutcome, LdapSummary } from '../../model/probes.ts';

export interface LdapProbeResult {
  checks: CheckResult[];
  summary: LdapSummary;
}

const ldap = (id: string, title: string): CheckIdentity => ({ id: `ldap.${id}`, title, family: 'ldap' });

export const LDAP_CHECKS = {
  connection: ldap('connection', 'The directory is reachable over a verified TLS connection and accepts the configured bind'),
  authMode: ldap('auth-mode', 'The OX LDAP authentication mode works for the sample accounts'),
  bind: ldap('bind', 'Every sample account can bind with its password'),
  attributes: ldap('attributes', 'Sample account entries carry the attributes OX needs'),
  userCount: ldap('user-count', 'Users under the base DN (paged search)'),
  wrongPassword: ldap('wrong-password', 'A wrong password is refused with invalidCredentials (49)'),
  latency: ldap('latency', 'LDAP bind and search latency (p50/p95)'),
} as const satisfies Record<string, CheckIdentity>;

const FOLLOWING = [LDAP_CHECKS.authMode, LDAP_CHECKS.bind, LDAP_CHECKS.attributes, LDAP_CHECKS.userCount, LDAP_CHECKS.wrongPassword, LDAP_CHECKS.latency];

interface Resolver {
  endpoint: LdapEndpoint;
  input: LdapProbeInput;
  uidAttribute: string;
  searchFilter: string;
  search: Client;
  latency: LatencyRecorder;
  log: Transcript;
}

/** The DN OX would bind with in `mode`, or why there is none. */
async function resolveDn(r: Resolver, mode: LdapAuthMode, login: string): Promise<{ dn: string } | { reason: string }> {
  const { user, context } = splitOxLogin(login);
  if (mode === 'bindOnly') return { dn: bindOnlyDn(r.uidAttribute, user, r.input.contextBaseDn ? r.input.contextBaseDn(context) : r.input.baseDn) };
  const filter = userSearchFilter(r.searchFilter, r.uidAttribute, user);
  const { searchEntries } = await r.latency.time('search (user)', () => r.search.search(r.input.baseDn, { scope: 'sub', filter, attributes: ['dn'] }));
  r.log.add(`search base="${r.input.baseDn}" scope=sub filter=${filter} → ${searchEntries.length} entr${searchEntries.length === 1 ? 'y' : 'ies'}`);
  // OX: 0 hits = INVALID_CREDENTIALS_MISSING_USER_MAPPING, >1 hits = refused as invalid credentials.
  if (searchEntries.length !== 1) return { reason: `search ${filter} under ${r.input.baseDn} found ${searchEntries.length} entries, OX needs exactly 1` };
  return { dn: (searchEntries[0] as { dn: string }).dn };
}

async function authenticate(r: Resolver, mode: LdapAuthMode, account: { login: string; password: string }): Promise<{ ok: true; dn: string } | { ok: false; reason: string }> {
  const resolved = await resolveDn(r, mode, account.login);
  if (!('dn' in resolved)) return { ok: false, reason: resolved.reason };
  const outcome = await r.latency.time('bind (user)', () => bindOnce(r.endpoint, resolved.dn, account.password));
  const result = outcome.ok ? 'success' : outcome.error instanceof SignoffError ? `${outcome.error.code}: ${outcome.error.message}` : ldapResultName(outcome.error);
  r.log.add(`bind dn="${resolved.dn}" password=*** (${mode}, login ${account.login}) → ${result}`);
  return outcome.ok ? { ok: true, dn: resolved.dn } : { ok: false, reason: `bind as ${resolved.dn} → ${result}` };
}

/** When search finds users that bindOnly cannot bind, say where they really are. */
function explainBindOnly(modes: LdapModeOutcome[], dns: Map<LdapAuthMode, Map<string, string>>, criteria: Criteria): void {
  const bindOnly = modes.find((m) => m.mode === 'bindOnly');
  const found = [...(dns.get('search')?.values() ?? [])][0];
  if (!bindOnly || bindOnly.succeeded === bindOnly.tried || !found) return;
  const parent = found.slice(found.indexOf(',') + 1);
  bindOnly.reason = `${bindOnly.reason ?? ''}; search mode finds the users under ${parent}: they are not directly under the bindOnly base (set contextBaseDn or use search mode)`;
  const row = criteria.items.find((c) => c.name === 'bindOnly mode');
  if (row) row.measured = `${bindOnly.succeeded}/${bindOnly.tried}; ${bindOnly.reason}`;
}

export async function runLdapProbe(input: LdapProbeInput): Promise<LdapProbeResult> {
  if (input.accounts.length === 0) throw new SignoffError('CONFIG_INVALID', 'ldap probe: at least one account is needed');
  const requirements: RequirementMap = input.requirementIds;
  const servicePassword = input.bind?.passwordEnv ? (process.env[input.bind.passwordEnv] ?? '') : '';
  const secrets = [...input.accounts.map((a) => a.password), servicePassword].filter(Boolean);
  const evidenceTarget = { runDir: input.runDir, evidenceDir: input.evidenceDir };
  const log = new Transcript(secrets);
  const latency = new LatencyRecorder();
  const configuredMode = input.mode ?? 'auto';
  let endpoint: LdapEndpoint = { url: input.url, startTls: input.startTls ?? false, ...(input.caFile ? { caFile: input.caFile } : {}) };
  const summary: LdapSummary = { url: input.url, transport: transportOf(endpoint), boundAs: input.bind?.dn ?? 'anonymous', configuredMode, modes: [], latency: {} };
  const checks: CheckResult[] = [];
  const writeEvidence = () => log.write(evidenceTarget, 'ldap-probe.txt', 'LDAP operations of the probe (passwords redacted)');

  // 1. Connection, TLS and the service (or anonymous) bind.
  let startedAt = performance.now();
  let search: Client | undefined;
  const connection = new Criteria();
  try {
    const trust = await loadCaTrust(input.caFile);
    if (trust) endpoint = { ...endpoint, ...trust };
    const opened = await latency.time('connect', () => openLdap(endpoint));
    search = opened.client;
    if (input.bind) {
      await latency.time('bind (service)', () => opened.client.bind(input.bind?.dn as string, servicePassword));
      log.add(`bind dn="${input.bind.dn}" password=*** (service) → success`);
    } else {
      // Anonymous: prove the directory answers by reading the base entry.
      await latency.time('search (base)', () => opened.client.search(input.baseDn, { scope: 'base', attributes: ['dn'] }));
      log.add(`anonymous search base="${input.baseDn}" scope=base → success`);
    }
    const tls = tlsFacts(opened.client);
    if (tls) summary.tls = tls;
    connection.add('transport', 'ldaps:// or ldap:// with StartTLS', summary.transport, summary.transport !== 'plain');
    connection.add('certificate verified', input.caFile ? `trusted by ${input.caFile}` : 'trusted by the system store', tls ? `${tls.protocol}, ${tls.authorized ? 'verified' : 'not verified'}` : 'no TLS', !!tls?.authorized);
    connection.add('bind', input.bind ? `service bind as ${input.bind.dn}` : 'anonymous search allowed', 'success', true);
  } catch (raw) {
    const error = raw instanceof SignoffError ? raw : classifyLdapError(raw, endpoint);
    const code = error instanceof SignoffError ? error.code : 'LDAP_BIND_FAILED';
    const message = error instanceof SignoffError ? error.message : `${input.bind ? `service bind as ${input.bind.dn}` : 'anonymous search'} refused: ${ldapResultName(error)}`;
    log.add(`connect ${input.url} → ${code}: ${message}`);
    connection.add('connection', `${summary.transport} to ${input.url}`, message, false);
    await search?.unbind().catch(() => undefined);
    const evidence = [await writeEvidence()];
    const failure = { code, message };
    checks.push(makeCheck(LDAP_CHECKS.connection, requirements, startedAt, { criteria: connection.items, evidence, status: 'failed', error: failure }));
    checks.push(...FOLLOWING.map((id) => ({ ...notRunCheck(id, requirements, failure), evidence })));
    summary.latency = latency.summary();
    return { checks, summary };
  }
  const connectionCheck = makeCheck(LDAP_CHECKS.connection, requirements, startedAt, { criteria: connection.items });

  const r: Resolver = {
    endpoint,
    input,
    uidAttribute: input.uidAttribute ?? 'uid',
    searchFilter: input.searchFilter ?? '(objectclass=posixAccount)',
    search,
    latency,
    log,
  };
  const later: (() => Promise<CheckResult>)[] = [];
  try {
    // 2. Which OX mode authenticates the sample accounts.
    startedAt = performance.now();
    const modes: LdapAuthMode[] = configuredMode === 'auto' ? ['bindOnly', 'search'] : [configuredMode];
    const dns = new Map<LdapAuthMode, Map<string, string>>();
    const authMode = new Criteria();
    for (const mode of modes) {
      const outcome: LdapModeOutcome = { mode, succeeded: 0, tried: input.accounts.length };
      const found = new Map<string, string>();
      for (const account of input.accounts) {
        const result = await authenticate(r, mode, account);
        if (result.ok) {
          outcome.succeeded += 1;
          found.set(account.login, result.dn);
        } else outcome.reason ??= `${account.login}: ${result.reason}`;
      }
      dns.set(mode, found);
      summary.modes.push(outcome);
      const works = outcome.succeeded === outcome.tried;
      authMode.add(`${mode} mode`, configuredMode === 'auto' ? 'reported (one mode must work)' : `all ${outcome.tried} accounts authenticate`, works ? `${outcome.succeeded}/${outcome.tried} authenticate` : `${outcome.succeeded}/${outcome.tried}; ${outcome.reason}`, works || configuredMode === 'auto');
    }
    explainBindOnly(summary.modes, dns, authMode);
    const usable = summary.modes.find((m) => m.succeeded === m.tried);
    if (usable) summary.usedMode = usable.mode;
    if (configuredMode === 'auto') authMode.add('usable mode', 'bindOnly or search works for every account', usable ? `${usable.mode} (bindOnly=${usable.mode === 'bindOnly'})` : 'neither', !!usable);
    checks.push(makeCheck(LDAP_CHECKS.authMode, requirements, startedAt, { criteria: authMode.items }));

    // 3. Each account binds (in the usable mode, or the configured one).
    startedAt = performance.now();
    const mode = summary.usedMode ?? modes[0] ?? 'search';
    const bound = dns.get(mode) ?? new Map<string, string>();
    const bind = new Criteria();
    for (const account of input.accounts) {
      const dn = bound.get(account.login);
      bind.add(`bind ${account.login}`, `success (${mode})`, dn ? `success as ${dn}` : (summary.modes.find((m) => m.mode === mode)?.reason ?? 'failed'), !!dn);
    }
    checks.push(makeCheck(LDAP_CHECKS.bind, requirements, startedAt, { criteria: bind.items }));

    // 4. Required attributes on each entry that bound.
    startedAt = performance.now();
    const required = input.requiredAttributes ?? ['mail', 'uid', 'displayName'];
    const attributes = new Criteria();
    for (const account of input.accounts) {
      const dn = bound.get(account.login);
      if (!dn) {
        attributes.add(account.login, required.join(', '), 'entry not found (no successful bind)', false);
        continue;
      }
      const { searchEntries } = await latency.time('search (entry)', () => r.search.search(dn, { scope: 'base', attributes: required }));
      const entry = searchEntries[0] ?? {};
      const present = new Set(Object.keys(entry).map((k) => k.toLowerCase()));
      const missing = required.filter((a) => !present.has(a.toLowerCase()) || [entry[a as keyof typeof entry]].flat().every((v) => v === '' || v === undefined));
      attributes.add(account.login, required.join(', '), missing.length ? `missing: ${missing.join(', ')}` : 'all present', missing.length === 0);
    }
    checks.push(makeCheck(LDAP_CHECKS.attributes, requirements, startedAt, { criteria: attributes.items }));

    // 5. How many users the directory holds (paged: large directories cap unpaged results).
    later.push(async () => {
      const begun = performance.now();
      const count = new Criteria();
      let users = 0;
      const pagesStarted = performance.now();
      for await (const page of r.search.searchPaginated(input.baseDn, { scope: 'sub', filter: r.searchFilter, attributes: ['dn'], paged: { pageSize: 100 } })) {
        users += page.searchEntries.length;
      }
      latency.record('search (paged count)', performance.now() - pagesStarted);
      summary.userCount = users;
      log.add(`paged search base="${input.baseDn}" filter=${r.searchFilter} pageSize=100 → ${users} entries`);
      count.add('users under base DN', `≥ ${input.accounts.length} (the sample accounts)`, `${users}`, users >= input.accounts.length);
      return makeCheck(LDAP_CHECKS.userCount, requirements, begun, { criteria: count.items });
    });

    // 6. A wrong password must be invalidCredentials (49), only for the designated account.
    later.push(async () => {
      const probeLogin = input.probeAccountForWrongPassword;
      const account = input.accounts.find((a) => a.login === probeLogin);
      if (!probeLogin || !account) {
        return skippedCheck(LDAP_CHECKS.wrongPassword, requirements, {
          name: 'probe account',
          expected: 'probeAccountForWrongPassword names a sample account',
          measured: probeLogin ? `${probeLogin} is not a sample account` : 'not configured: no wrong password is ever sent (lockout policies)',
          passed: false,
        });
      }
      const begun = performance.now();
      const wrong = new Criteria();
      const dn = bound.get(account.login) ?? (await resolveDn(r, mode, account.login).then((d) => ('dn' in d ? d.dn : undefined)));
      if (!dn) {
        wrong.add('wrong password', 'invalidCredentials (49)', 'the probe account has no DN', false);
      } else {
        const outcome = await latency.time('bind (wrong password)', () => bindOnce(endpoint, dn, `${account.password}-wrong-${Date.now()}`));
        const measured = outcome.ok ? 'bind succeeded!' : outcome.error instanceof SignoffError ? `${outcome.error.code}: ${outcome.error.message}` : ldapResultName(outcome.error);
        log.add(`bind dn="${dn}" password=*** (deliberately wrong) → ${measured}`);
        wrong.add('wrong password', 'invalidCredentials (49)', measured, !outcome.ok && !(outcome.error instanceof SignoffError) && outcome.error.code === 49);
      }
      return makeCheck(LDAP_CHECKS.wrongPassword, requirements, begun, { criteria: wrong.items });
    });
    for (const [index, run] of later.entries()) {
      const identity = index === 0 ? LDAP_CHECKS.userCount : LDAP_CHECKS.wrongPassword;
      const begun = performance.now();
      try {
        checks.push(await run());
      } catch (raw) {
        const error = classifyLdapError(raw, endpoint);
        checks.push(makeCheck(identity, requirements, begun, { criteria: [], error: { code: error instanceof SignoffError ? error.code : 'LDAP_OPERATION_FAILED', message: describeError(raw) } }));
      }
    }
  } catch (raw) {
    // The directory went away mid-probe: the remaining checks report it, nothing throws.
    const error = classifyLdapError(raw, endpoint);
    const failure = { code: error instanceof SignoffError ? error.code : 'LDAP_OPERATION_FAILED', message: describeError(raw) };
    const done = new Set(checks.map((c) => c.id));
    checks.push(...FOLLOWING.filter((id) => !done.has(id.id) && id !== LDAP_CHECKS.latency).map((id) => notRunCheck(id, requirements, failure)));
  } finally {
    await search.unbind().catch(() => undefined);
  }

  summary.latency = latency.summary();
  checks.push(latencyCheck(LDAP_CHECKS.latency, summary.latency, requirements));

  const evidence = [await writeEvidence()];
  checks.unshift(connectionCheck);
  return { checks: checks.map((c) => (c.status === 'skipped' ? c : { ...c, evidence })), summary };
}
