/**
 * Supervisor-side faults on a running sandbox. Each is applied for real (a
 * process stopped, a config rewritten and reloaded) and recorded in
 * sandbox.json so `clearFaults` can undo exactly what is active.
 */
import { SignoffError } from '../errors.ts';
import { daemonIdentity, spawnIdentity } from './identity.ts';
import { processMarker } from './paths.ts';
import { stopProcesses } from './process.ts';
import { reloadApache, waitForRoute } from './services/apache.ts';
import { reloadDovecotCapability } from './services/dovecot.ts';
import { startNode } from './services/nodes.ts';
import { startSlapd } from './services/slapd.ts';
import { apacheSettings, dovecotSettings, nodeConfigPath, slapdSettings } from './settings.ts';
import { readCredentialsFile, readInfoFile, writeInfo } from './state.ts';
import { NODE_ADMIN_PATH, NODE_ADMIN_TOKEN_HEADER, type OxNodeConfig, type SandboxInfo, type SupervisorFault } from './types.ts';
import { readFile } from 'node:fs/promises';

async function load(name: string): Promise<SandboxInfo> {
  const info = await readInfoFile(name);
  if (!info || info.state !== 'ready') throw new SignoffError('SANDBOX_UNKNOWN', `no running sandbox named "${name}"`);
  return info;
}

function node(info: SandboxInfo, route: string): { route: string; url: string } {
  const found = info.nodes.find((n) => n.route === route);
  if (!found) {
    throw new SignoffError('USAGE', `sandbox "${info.name}" has no node ${route}; its routes are ${info.nodes.map((n) => n.route).join(', ')}`);
  }
  return found;
}

/** Replaces the active fault of the same identity (kind + route, and node fault kind) with `fault`, or removes it. */
function remember(info: SandboxInfo, fault: SupervisorFault, active: boolean): void {
  const nodeKind = (f: SupervisorFault): string | undefined => (f.kind === 'node' ? f.fault.kind : undefined);
  const same = (f: SupervisorFault): boolean =>
    f.kind === fault.kind && ('route' in f ? f.route : undefined) === ('route' in fault ? fault.route : undefined) && nodeKind(f) === nodeKind(fault);
  info.faults = info.faults.filter((f) => !same(f));
  if (active) info.faults.push(fault);
}

async function nodeDown(info: SandboxInfo, route: string): Promise<void> {
  node(info, route);
  const pid = info.pids[route];
  if (pid !== undefined) await stopProcesses([pid], processMarker(info.dir));
  delete info.pids[route];
}

async function nodeUp(info: SandboxInfo, route: string): Promise<void> {
  node(info, route);
  if (info.pids[route] !== undefined) return;
  const file = nodeConfigPath(info, route);
  const config = JSON.parse(await readFile(file, 'utf8')) as OxNodeConfig;
  const daemon = await startNode(file, config, info.dir);
  info.pids[route] = daemon.pid;
  // Back in the balancer too (its member leaves error state after retry=1 s), not only up.
  if (info.balancerUrl && !info.faults.some((f) => f.kind === 'stickiness-broken')) await waitForRoute(info.balancerUrl, route, daemon);
}

async function ldapDown(info: SandboxInfo): Promise<void> {
  if (info.pids.slapd !== undefined) await stopProcesses([info.pids.slapd], processMarker(info.dir));
  delete info.pids.slapd;
}

async function ldapUp(info: SandboxInfo): Promise<void> {
  if (info.pids.slapd !== undefined) return;
  const credentials = await readCredentialsFile(info.credentialsFile);
  const { files, ports } = slapdSettings(info);
  const daemon = await startSlapd(files, ports, { password: credentials.ldapAdminPassword }, spawnIdentity(daemonIdentity()));
  info.pids.slapd = daemon.pid;
}

async function setCapability(info: SandboxInfo, capability: string | undefined): Promise<void> {
  const credentials = await readCredentialsFile(info.credentialsFile);
  if (capability) info.imapCapability = capability;
  else delete info.imapCapability;
  await reloadDovecotCapability(dovecotSettings(info, credentials, daemonIdentity()));
}

async function setSticky(info: SandboxInfo, sticky: boolean): Promise<void> {
  const pid = info.pids.apache;
  if (pid === undefined) throw new SignoffError('SANDBOX_UNKNOWN', `sandbox "${info.name}" records no Apache process`);
  await reloadApache(apacheSettings(info, sticky), pid);
}

async function nodeFault(info: SandboxInfo, fault: Extract<SupervisorFault, { kind: 'node' }>, method: 'POST' | 'DELETE'): Promise<void> {
  const credentials = await readCredentialsFile(info.credentialsFile);
  const targets = fault.route ? [node(info, fault.route)] : info.nodes.filter((n) => info.pids[n.route] !== undefined);
  await Promise.all(
    targets.map(async (n) => {
      const url = `${n.url}${NODE_ADMIN_PATH}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', [NODE_ADMIN_TOKEN_HEADER]: credentials.adminToken },
          ...(method === 'POST' ? { body: JSON.stringify(fault.fault) } : {}),
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
      } catch (cause) {
        throw new SignoffError('TARGET_UNREACHABLE', `${method} ${url} failed: ${(cause as Error).message}`, { cause });
      }
      if (!response.ok) throw new SignoffError('TARGET_UNREACHABLE', `${method} ${url}: expected 2xx, got HTTP ${response.status}`);
    }),
  );
}

async function apply(info: SandboxInfo, fault: SupervisorFault): Promise<void> {
  switch (fault.kind) {
    case 'node-down':
      await nodeDown(info, fault.route);
      remember(info, fault, true);
      return;
    case 'node-up':
      await nodeUp(info, fault.route);
      remember(info, { kind: 'node-down', route: fault.route }, false);
      return;
    case 'stickiness-broken':
      await setSticky(info, false);
      remember(info, fault, true);
      return;
    case 'imap-capabilities':
      await setCapability(info, fault.capability.trim() || undefined);
      remember(info, fault, true);
      return;
    case 'ldap-down':
      await ldapDown(info);
      remember(info, fault, true);
      return;
    case 'ldap-up':
      await ldapUp(info);
      remember(info, { kind: 'ldap-down' }, false);
      return;
    case 'node':
      await nodeFault(info, fault, 'POST');
      remember(info, fault, true);
      return;
  }
}

export async function applyFault(name: string, fault: SupervisorFault): Promise<void> {
  const info = await load(name);
  try {
    await apply(info, fault);
  } finally {
    await writeInfo(info);
  }
}

/** Undoes every active fault: nodes and LDAP back up, stickiness and capabilities as at `up`. */
export async function clearFaults(name: string): Promise<void> {
  const info = await load(name);
  try {
    for (const fault of [...info.faults]) {
      switch (fault.kind) {
        case 'node-down':
          await nodeUp(info, fault.route);
          break;
        case 'ldap-down':
          await ldapUp(info);
          break;
        case 'stickiness-broken':
          await setSticky(info, true);
          break;
        case 'imap-capabilities':
          await setCapability(info, info.imapCapabilityAtStart);
          break;
        case 'node':
          await nodeFault(info, fault, 'DELETE');
          break;
        default:
          break;
      }
      info.faults = info.faults.filter((f) => f !== fault);
    }
  } finally {
    await writeInfo(info);
  }
}
