/**
 * Bringing a sandbox up: everything checked before anything starts (packages,
 * accounts CSV), then certificates and the directory are prepared, and slapd →
 * Dovecot → nodes → Apache are started in dependency order, each waited for
 * until its protocol answers. Mail is seeded while nodes and Apache start.
 * A lost port race (P15) is retried with fresh ports.
 */
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignoffError } from '../errors.ts';
import type { Account } from '../config/accounts.ts';
import { spawnIdentity, type DaemonIdentity } from './identity.ts';
import { sandboxPaths, type SandboxPaths } from './paths.ts';
import { pickFreePort, pickFreePorts } from './ports.ts';
import { logTail, type Daemon } from './process.ts';
import { DaemonExited } from './readiness.ts';
import { APACHE_PORT_CLASH, apacheFiles, balancerUrls, startApache, writeApacheConfig, type ApacheSettings } from './services/apache.ts';
import { makeCertificates } from './services/certs.ts';
import { DOVECOT_PORT_CLASH, dovecotFiles, startDovecot, writeDovecotConfig, type DovecotSettings } from './services/dovecot.ts';
import { ADMIN_DN, BASE_DN, PEOPLE_DN, buildLdif, ssha } from './services/ldif.ts';
import { NODE_PORT_CLASH, nodeInfo, startNode, writeNodeConfig } from './services/nodes.ts';
import { seedMailboxes } from './services/seed.ts';
import { SLAPD_PORT_CLASH, ldapUrls, prepareSlapd, renderSlapdConf, slapdFiles, startSlapd } from './services/slapd.ts';
import { writeCredentialsFile, writeInfo } from './state.ts';
import type { OxNodeConfig, SandboxCredentials, SandboxInfo } from './types.ts';

const run = promisify(execFile);
const ATTEMPTS = 4;

export interface StartPlan {
  name: string;
  nodes: number;
  accountsFile: string;
  brandDir: string;
  mailFixturesDir: string;
  imapCapability?: string;
  accounts: Account[];
  identity: DaemonIdentity;
}

const secret = (): string => randomBytes(18).toString('base64url');

/**
 * Starts one service, retrying with fresh ports only when its log shows a lost
 * port race; any other failure is SANDBOX_START_FAILED with the log's tail.
 */
async function withPortRetry<T>(what: string, logFiles: string[], clash: RegExp, attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    const before = logFiles.map((f) => logTail(f, 400));
    try {
      return await attempt();
    } catch (error) {
      const fresh = logFiles.map((f, j) => logTail(f, 400).slice((before[j] ?? '').length)).join('\n');
      if (error instanceof DaemonExited && clash.test(fresh) && i < ATTEMPTS) continue;
      throw new SignoffError('SANDBOX_START_FAILED', `${what} did not start: ${(error as Error).message}\n${logFiles.map((f) => `--- ${f}\n${logTail(f)}`).join('\n')}`, { cause: error });
    }
  }
}

async function makeFolders(p: SandboxPaths): Promise<void> {
  await mkdir(p.dir, { recursive: true, mode: 0o700 });
  await Promise.all([p.certs, p.ldap, p.dovecot, p.apache, p.nodes, p.data, p.mail, p.home, p.logs].map((d) => mkdir(d, { recursive: true })));
}

/** Everything the daemons read or write belongs to the daemon user. */
async function handOver(p: SandboxPaths, identity: DaemonIdentity): Promise<void> {
  if (!identity.drop) return;
  await run('chown', ['-R', `${identity.uid}:${identity.gid}`, p.dir]);
}

export async function startSandbox(plan: StartPlan, info: SandboxInfo, started: Record<string, Daemon>): Promise<SandboxInfo> {
  const t0 = performance.now();
  const mark = (key: string, since: number): void => {
    info.timings[key] = Math.round(performance.now() - since);
  };
  const p = sandboxPaths(plan.name);
  const ids = spawnIdentity(plan.identity);
  const persist = (): Promise<void> => writeInfo(info);
  const record = async (key: string, daemon: Daemon): Promise<void> => {
    started[key] = daemon;
    info.pids[key] = daemon.pid;
    await persist();
  };

  await makeFolders(p);
  await persist();
  const credentials: SandboxCredentials = { ldapAdminPassword: secret(), dovecotLdapPassword: secret(), adminToken: secret() };
  await writeCredentialsFile(p.credentialsFile, credentials);

  // Prepare: certificates and the directory, in parallel.
  let t = performance.now();
  const slapd = slapdFiles(p.ldap, p.logs);
  const certs = makeCertificates(p.certs, plan.name);
  const ldif = buildLdif({ accounts: plan.accounts, dovecotPasswordHash: ssha(credentials.dovecotLdapPassword), fallbackPassword: secret() });
  await certs;
  await prepareSlapd(slapd, renderSlapdConf({ dir: p.ldap, caFile: p.caFile, certFile: p.serverCert, keyFile: p.serverKey, rootPasswordHash: ssha(credentials.ldapAdminPassword) }), ldif);
  await handOver(p, plan.identity);
  mark('prepareMs', t);

  // slapd
  t = performance.now();
  let ldapPorts = { ldap: 0, ldaps: 0 };
  await withPortRetry('slapd', [slapd.logFile], SLAPD_PORT_CLASH, async () => {
    const [ldap, ldaps] = (await pickFreePorts(2)) as [number, number];
    ldapPorts = { ldap, ldaps };
    await record('slapd', await startSlapd(slapd, ldapPorts, { password: credentials.ldapAdminPassword }, ids));
  });
  info.ldap = { ...ldapUrls(ldapPorts), baseDn: BASE_DN, peopleDn: PEOPLE_DN, adminDn: ADMIN_DN };
  mark('slapdMs', t);

  // Dovecot
  t = performance.now();
  const dovecotBase: Omit<DovecotSettings, 'ports'> = {
    sandboxName: plan.name,
    files: dovecotFiles(p.dovecot, p.logs),
    ldapPort: ldapPorts.ldap,
    dovecotLdapPassword: credentials.dovecotLdapPassword,
    identity: plan.identity,
    certFile: p.serverCert,
    keyFile: p.serverKey,
    mailDir: p.mail,
    homeDir: p.home,
    ...(plan.imapCapability ? { imapCapability: plan.imapCapability } : {}),
  };
  let dovecot: DovecotSettings | undefined;
  await withPortRetry('Dovecot', [dovecotBase.files.stderrFile, dovecotBase.files.logFile], DOVECOT_PORT_CLASH, async () => {
    const [imap, imaps, lmtp] = (await pickFreePorts(3)) as [number, number, number];
    dovecot = { ...dovecotBase, ports: { imap, imaps, lmtp } };
    await writeDovecotConfig(dovecot);
    await handOver(p, plan.identity);
    await record('dovecot', await startDovecot(dovecot));
  });
  const dc = dovecot as DovecotSettings;
  info.imap = { host: '127.0.0.1', port: dc.ports.imap, tlsPort: dc.ports.imaps };
  info.lmtp = { host: '127.0.0.1', port: dc.ports.lmtp };
  mark('dovecotMs', t);

  // Seeding runs while the nodes and Apache start.
  t = performance.now();
  const seeding = seedMailboxes({ lmtpPort: dc.ports.lmtp, accounts: plan.accounts, mailFixturesDir: plan.mailFixturesDir }).then((r) => {
    mark('seedMs', t);
    info.timings.seededDeliveries = r.deliveries;
    return r;
  });
  seeding.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile

  // Nodes
  const tn = performance.now();
  const routes = Array.from({ length: plan.nodes }, (_, i) => `OX${i + 1}`);
  const configs = await Promise.all(
    routes.map((route) =>
      withPortRetry(`node ${route}`, [join(p.logs, `${route}.log.stderr`)], NODE_PORT_CLASH, async () => {
        const config: OxNodeConfig = {
          route,
          host: '127.0.0.1',
          port: await pickFreePort(),
          dataDir: p.data,
          ldap: { url: info.ldap.url, baseDn: BASE_DN, peopleDn: PEOPLE_DN, adminDn: ADMIN_DN, adminPassword: credentials.ldapAdminPassword },
          imap: { host: '127.0.0.1', port: dc.ports.imap, caFile: p.caFile, secure: false },
          lmtp: { host: '127.0.0.1', port: dc.ports.lmtp },
          brandDir: plan.brandDir,
          adminToken: credentials.adminToken,
          sessionIdleMs: 3_600_000,
          logFile: join(p.logs, `${route}.log`),
        };
        const file = await writeNodeConfig(p.nodes, config);
        await record(route, await startNode(file, config, p.dir));
        return config;
      }),
    ),
  );
  info.nodes = configs.map(nodeInfo);
  mark('nodesMs', tn);

  // Apache
  t = performance.now();
  const apacheBase: Omit<ApacheSettings, 'httpPort' | 'httpsPort'> = {
    files: apacheFiles(p.apache, p.logs),
    nodes: configs.map((c) => ({ route: c.route, port: c.port })),
    certFile: p.serverCert,
    keyFile: p.serverKey,
    sticky: true,
  };
  let apache: ApacheSettings | undefined;
  await withPortRetry('Apache', [apacheBase.files.stderrFile, apacheBase.files.errorLog], APACHE_PORT_CLASH, async () => {
    const [httpPort, httpsPort] = (await pickFreePorts(2)) as [number, number];
    apache = { ...apacheBase, httpPort, httpsPort };
    await writeApacheConfig(apache);
    await handOver(p, plan.identity);
    await record('apache', await startApache(apache, ids));
  });
  const urls = balancerUrls(apache as ApacheSettings);
  info.balancerUrl = urls.http;
  info.balancerHttpsUrl = urls.https;
  mark('apacheMs', t);

  try {
    await seeding;
  } catch (error) {
    throw new SignoffError('SANDBOX_START_FAILED', `seeding mail over LMTP 127.0.0.1:${dc.ports.lmtp} failed: ${(error as Error).message}`, { cause: error });
  }
  mark('upMs', t0);
  info.state = 'ready';
  await persist();
  return info;
}

export async function assertDirectory(dir: string, what: string): Promise<void> {
  const s = await stat(dir).catch(() => undefined);
  if (!s?.isDirectory()) throw new SignoffError('CONFIG_INVALID', `${what} ${dir} is not a directory`);
}
