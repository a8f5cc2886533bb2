/**
 * Bringing a sandbox up: everything is checked before anything starts
 * (packages, accounts CSV), certificates and the directory are prepared, then
 * all ports are picked and slapd, Dovecot and the nodes start at once (they
 * connect lazily), each waited for until its protocol answers; Apache starts
 * when the nodes answer and is ready when every route answers through it. Mail
 * is seeded as soon as LDAP and Dovecot answer, while the nodes come up. A lost port race (P15) stops
 * what started and launches again with fresh ports.
 */
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignoffError } from '../errors.ts';
import type { Account } from '../config/accounts.ts';
import { spawnIdentity, type DaemonIdentity } from './identity.ts';
import { sandboxPaths, type SandboxPaths } from './paths.ts';
import { pickFreePorts } from './ports.ts';
import { logTail, type Daemon } from './process.ts';
import { DaemonExited } from './readiness.ts';
import { APACHE_PORT_CLASH, apacheFiles, balancerUrls, startApache, writeApacheConfig, type ApacheSettings } from './services/apache.ts';
import { Store } from './ox/store.ts';
import { stopSandboxProcesses } from './stop.ts';
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

interface Ports {
  ldap: number;
  ldaps: number;
  imap: number;
  imaps: number;
  lmtp: number;
  http: number;
  https: number;
  nodes: number[];
}

async function pickPorts(nodes: number): Promise<Ports> {
  const all = await pickFreePorts(7 + nodes);
  const [ldap, ldaps, imap, imaps, lmtp, http, https, ...rest] = all as [number, number, number, number, number, number, number, ...number[]];
  return { ldap, ldaps, imap, imaps, lmtp, http, https, nodes: rest };
}

/** Thrown when a daemon lost a port race: the whole launch is repeated with fresh ports. */
class PortClash extends Error {}

async function makeFolders(p: SandboxPaths): Promise<void> {
  await mkdir(p.dir, { recursive: true, mode: 0o700 });
  await Promise.all([p.certs, p.ldap, p.dovecot, p.apache, p.nodes, p.data, p.mail, p.home, p.logs].map((d) => mkdir(d, { recursive: true })));
}

/** Everything the daemons read or write belongs to the daemon user. */
async function handOver(p: SandboxPaths, identity: DaemonIdentity): Promise<void> {
  if (!identity.drop) return;
  await run('chown', ['-R', `${identity.uid}:${identity.gid}`, p.dir]);
}

/**
 * Waits for one service; a lost port race becomes PortClash, anything else
 * SANDBOX_START_FAILED with the tail of the service's logs.
 */
async function service<T>(what: string, logFiles: string[], clash: RegExp, start: () => Promise<T>): Promise<T> {
  const before = logFiles.map((f) => logTail(f, 400).length);
  try {
    return await start();
  } catch (error) {
    const fresh = logFiles.map((f, i) => logTail(f, 400).slice(before[i])).join('\n');
    if (error instanceof DaemonExited && clash.test(fresh)) throw new PortClash(`${what}: ${fresh.trim().split('\n').pop()}`);
    if (error instanceof SignoffError) throw error;
    throw new SignoffError('SANDBOX_START_FAILED', `${what} did not start: ${(error as Error).message}\n${logFiles.map((f) => `--- ${f}\n${logTail(f)}`).join('\n')}`, { cause: error });
  }
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

  // Prepare: certificates and the directory.
  let t = performance.now();
  const slapd = slapdFiles(p.ldap, p.logs);
  const certs = makeCertificates(p.certs, plan.name);
  const ldif = buildLdif({ accounts: plan.accounts, dovecotPasswordHash: ssha(credentials.dovecotLdapPassword), fallbackPassword: secret() });
  await certs;
  // The nodes share one SQLite file; created here, so two nodes starting at the same
  // moment never race to switch a fresh file to WAL ("database is locked").
  new Store(p.data).close();
  await prepareSlapd(slapd, renderSlapdConf({ dir: p.ldap, caFile: p.caFile, certFile: p.serverCert, keyFile: p.serverKey, rootPasswordHash: ssha(credentials.ldapAdminPassword) }), ldif);
  mark('prepareMs', t);

  const routes = Array.from({ length: plan.nodes }, (_, i) => `OX${i + 1}`);
  const launch = async (ports: Ports): Promise<{ seeded: Promise<unknown> }> => {
    t = performance.now();
    info.ldap = { ...ldapUrls(ports), baseDn: BASE_DN, peopleDn: PEOPLE_DN, adminDn: ADMIN_DN };
    info.imap = { host: '127.0.0.1', port: ports.imap, tlsPort: ports.imaps };
    info.lmtp = { host: '127.0.0.1', port: ports.lmtp };
    const dovecot: DovecotSettings = {
      sandboxName: plan.name,
      files: dovecotFiles(p.dovecot, p.logs),
      ports: { imap: ports.imap, imaps: ports.imaps, lmtp: ports.lmtp },
      ldapPort: ports.ldap,
      dovecotLdapPassword: credentials.dovecotLdapPassword,
      identity: plan.identity,
      certFile: p.serverCert,
      keyFile: p.serverKey,
      mailDir: p.mail,
      homeDir: p.home,
      ...(plan.imapCapability ? { imapCapability: plan.imapCapability } : {}),
    };
    const nodeConfigs = routes.map(
      (route, i): OxNodeConfig => ({
        route,
        host: '127.0.0.1',
        port: ports.nodes[i] as number,
        dataDir: p.data,
        ldap: { url: info.ldap.url, baseDn: BASE_DN, peopleDn: PEOPLE_DN, adminDn: ADMIN_DN, adminPassword: credentials.ldapAdminPassword },
        imap: { host: '127.0.0.1', port: ports.imap, caFile: p.caFile, secure: false },
        lmtp: { host: '127.0.0.1', port: ports.lmtp },
        brandDir: plan.brandDir,
        adminToken: credentials.adminToken,
        sessionIdleMs: 3_600_000,
        logFile: join(p.logs, `${route}.log`),
      }),
    );
    const apache: ApacheSettings = {
      files: apacheFiles(p.apache, p.logs),
      httpPort: ports.http,
      httpsPort: ports.https,
      nodes: nodeConfigs.map((c) => ({ route: c.route, port: c.port })),
      certFile: p.serverCert,
      keyFile: p.serverKey,
      sticky: true,
    };
    info.nodes = nodeConfigs.map(nodeInfo);
    const urls = balancerUrls(apache);
    info.balancerUrl = urls.http;
    info.balancerHttpsUrl = urls.https;
    const nodeFiles = await Promise.all(nodeConfigs.map((c) => writeNodeConfig(p.nodes, c)));
    await Promise.all([writeDovecotConfig(dovecot), writeApacheConfig(apache)]);
    await handOver(p, plan.identity);

    const ldapReady = service('slapd', [slapd.logFile], SLAPD_PORT_CLASH, async () => {
      await record('slapd', await startSlapd(slapd, ports, { password: credentials.ldapAdminPassword }, ids));
      mark('slapdMs', t);
    });
    const dovecotReady = service('Dovecot', [dovecot.files.stderrFile, dovecot.files.logFile], DOVECOT_PORT_CLASH, async () => {
      await record('dovecot', await startDovecot(dovecot));
      mark('dovecotMs', t);
    });
    const nodesReady = Promise.all(
      nodeConfigs.map((config, i) =>
        service(`node ${config.route}`, [`${config.logFile}.stderr`], NODE_PORT_CLASH, async () => {
          await record(config.route, await startNode(nodeFiles[i] as string, config, p.dir));
        }),
      ),
    ).then(() => mark('nodesMs', t));
    // Apache starts once every node answers /health: a member it cannot reach at
    // start is put in error state, and new sessions then all land on the others.
    const apacheReady = nodesReady.then(() =>
      service('Apache', [apache.files.stderrFile, apache.files.errorLog], APACHE_PORT_CLASH, async () => {
        await record('apache', await startApache(apache, ids));
        mark('apacheMs', t);
      }),
    );
    // Seeding needs the directory and Dovecot only; it runs while nodes and Apache come up.
    const seeded = Promise.all([ldapReady, dovecotReady]).then(async () => {
      const ts = performance.now();
      try {
        const result = await seedMailboxes({ lmtpPort: ports.lmtp, accounts: plan.accounts, mailFixturesDir: plan.mailFixturesDir });
        info.timings.seededDeliveries = result.deliveries;
        mark('seedMs', ts);
      } catch (error) {
        throw new SignoffError('SANDBOX_START_FAILED', `seeding mail over LMTP 127.0.0.1:${ports.lmtp} failed: ${(error as Error).message}`, { cause: error });
      }
    });
    seeded.catch(() => undefined); // awaited by the caller; no unhandled rejection meanwhile
    const all = [ldapReady, dovecotReady, nodesReady, apacheReady];
    all.forEach((p) => p.catch(() => undefined));
    // Settle all before reporting, so a retry never races a still-starting daemon.
    const results = await Promise.allSettled(all);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return { seeded };
  };

  for (let attempt = 1; ; attempt++) {
    try {
      const { seeded } = await launch(await pickPorts(plan.nodes));
      await seeded;
      break;
    } catch (error) {
      if (!(error instanceof PortClash) || attempt >= ATTEMPTS) {
        if (error instanceof PortClash) throw new SignoffError('SANDBOX_START_FAILED', `lost the port race ${ATTEMPTS} times; last: ${error.message}`, { cause: error });
        throw error;
      }
      // Stop what did start and try again on fresh ports.
      await stopSandboxProcesses(info);
      for (const key of Object.keys(info.pids)) delete info.pids[key];
      info.timings.portRetries = attempt;
    }
  }
  mark('upMs', t0);
  info.state = 'ready';
  await persist();
  return info;
}
