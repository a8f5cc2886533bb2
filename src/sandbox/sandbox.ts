/**
 * The sandbox API: up, down, status, faults. Others code against exactly these
 * signatures; the CLI (src/cli/sandbox.ts) is a thin layer over them.
 */
import { loadBrand } from '../config/brand.ts';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignoffError } from '../errors.ts';
import { loadAccounts } from '../config/accounts.ts';
import { daemonIdentity } from './identity.ts';
import { assertSandboxPackages } from './packages.ts';
import { assertSandboxName, processMarker, sandboxPaths, sandboxRoot } from './paths.ts';
import { isOurProcess, type Daemon } from './process.ts';
import { startSandbox } from './start.ts';
import { listSandboxNames, readCredentialsFile, readInfoFile, writeInfo } from './state.ts';
import { stopSandboxProcesses, teardown } from './stop.ts';
import type { SandboxCredentials, SandboxInfo, SupervisorFault } from './types.ts';

export { applyFault, clearFaults } from './faults.ts';
export type { SandboxInfo, SandboxCredentials, SupervisorFault };

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SandboxUpOptions {
  name?: string;
  nodes?: number;
  accountsFile?: string;
  brandDir?: string;
  /** Narrowed imap_capability at start. */
  imapCapability?: string;
}

export interface SandboxStatus {
  info: SandboxInfo;
  alive: Record<string, boolean>;
  /** Not one recorded process runs any more (a killed run or a failed start). */
  stale: boolean;
}

function aliveMap(info: SandboxInfo): Record<string, boolean> {
  const marker = processMarker(info.dir);
  return Object.fromEntries(Object.entries(info.pids).map(([key, pid]) => [key, isOurProcess(pid, marker)]));
}

function isStale(info: SandboxInfo): boolean {
  return !Object.values(aliveMap(info)).some(Boolean);
}

export async function sandboxUp(options: SandboxUpOptions = {}): Promise<SandboxInfo> {
  const name = options.name ?? 'default';
  assertSandboxName(name);
  const nodes = options.nodes ?? 2;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 16) {
    throw new SignoffError('USAGE', `--nodes must be a whole number from 1 to 16, got ${options.nodes}`);
  }
  const accountsFile = resolve(options.accountsFile ?? `${REPO}/fixtures/accounts.csv`);
  const brandDir = resolve(options.brandDir ?? `${REPO}/fixtures/brand/acme`);
  // Everything that can be checked is checked before anything starts.
  assertSandboxPackages();
  const { accounts } = await loadAccounts(accountsFile, { strict: true });
  if (accounts.length === 0) throw new SignoffError('ACCOUNTS_INVALID', `${accountsFile}: no accounts, expected at least one row after the header`);
  await loadBrand(brandDir); // a broken brand fails here, not at the first page view
  const identity = daemonIdentity();

  const existing = await readInfoFile(name).catch(() => undefined);
  if (existing) {
    if (!isStale(existing)) {
      throw new SignoffError('SANDBOX_EXISTS', `sandbox "${name}" already runs (${existing.dir}, balancer ${existing.balancerUrl ?? 'starting'})`);
    }
    await teardown(existing);
  } else {
    // A folder without sandbox.json never started anything: remove it.
    await rm(sandboxPaths(name).dir, { recursive: true, force: true });
  }
  await mkdir(sandboxRoot(), { recursive: true, mode: 0o755 });

  const p = sandboxPaths(name);
  const info: SandboxInfo = {
    name,
    dir: p.dir,
    createdAt: new Date().toISOString(),
    balancerUrl: '',
    balancerHttpsUrl: '',
    apiPath: '/ajax',
    uiPath: '/appsuite/',
    nodes: [],
    imap: { host: '127.0.0.1', port: 0, tlsPort: 0 },
    lmtp: { host: '127.0.0.1', port: 0 },
    ldap: { url: '', tlsUrl: '', baseDn: '', peopleDn: '', adminDn: '' },
    caFile: p.caFile,
    credentialsFile: p.credentialsFile,
    accountsFile,
    brandDir,
    pids: {},
    timings: {},
    faults: [],
    daemonUser: identity.user,
    accountCount: accounts.length,
    ...(options.imapCapability ? { imapCapability: options.imapCapability, imapCapabilityAtStart: options.imapCapability } : {}),
    state: 'starting',
  };
  const started: Record<string, Daemon> = {};
  try {
    return await startSandbox(
      { name, nodes, accountsFile, brandDir, mailFixturesDir: `${REPO}/fixtures/mail`, accounts, identity, ...(options.imapCapability ? { imapCapability: options.imapCapability } : {}) },
      info,
      started,
    );
  } catch (error) {
    // Stop what did start; keep the folder (logs) for the message's pointer. A later up cleans it.
    await stopSandboxProcesses(info).catch(() => undefined);
    info.state = 'failed';
    await writeInfo(info).catch(() => undefined);
    throw error;
  }
}

export async function sandboxDown(name = 'default'): Promise<void> {
  assertSandboxName(name);
  const info = await readInfoFile(name);
  if (!info) throw new SignoffError('SANDBOX_UNKNOWN', `no sandbox named "${name}" under ${sandboxRoot()}`);
  await teardown(info);
}

export async function sandboxStatus(): Promise<SandboxStatus[]> {
  const result: SandboxStatus[] = [];
  for (const name of await listSandboxNames()) {
    const info = await readInfoFile(name).catch(() => undefined);
    if (!info) continue;
    const alive = aliveMap(info);
    result.push({ info, alive, stale: !Object.values(alive).some(Boolean) });
  }
  return result;
}

/** sandbox.json of a sandbox that came up; SANDBOX_UNKNOWN otherwise. */
export async function readSandbox(name = 'default'): Promise<SandboxInfo> {
  assertSandboxName(name);
  const info = await readInfoFile(name);
  if (!info) throw new SignoffError('SANDBOX_UNKNOWN', `no sandbox named "${name}" under ${sandboxRoot()}`);
  if (info.state !== 'ready') {
    throw new SignoffError('SANDBOX_UNKNOWN', `sandbox "${name}" is not ready (state: ${info.state}); see ${info.dir}/logs`);
  }
  return info;
}

export async function readCredentials(info: SandboxInfo): Promise<SandboxCredentials> {
  return readCredentialsFile(info.credentialsFile);
}
