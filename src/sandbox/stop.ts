/**
 * Stopping a sandbox: only its own recorded PIDs (cmdline checked), Dovecot
 * signalled first, nodes and Apache with it, slapd last (so Dovecot's auth
 * does not log lost LDAP connections, P14). Then: no process left, every port
 * free, folder removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignoffError } from '../errors.ts';
import { processMarker } from './paths.ts';
import { isPortFree } from './ports.ts';
import { isOurProcess, stopProcesses } from './process.ts';
import { portOf } from './state.ts';
import type { SandboxInfo } from './types.ts';

/** Every port a sandbox listens on (those known so far for a half-started one). */
export function sandboxPorts(info: Partial<SandboxInfo>): number[] {
  const urls = [info.balancerUrl, info.balancerHttpsUrl, info.ldap?.url, info.ldap?.tlsUrl, ...(info.nodes ?? []).map((n) => n.url)];
  const ports = urls.filter((u): u is string => typeof u === 'string' && u !== '').map(portOf);
  if (info.imap) ports.push(info.imap.port, info.imap.tlsPort);
  if (info.lmtp) ports.push(info.lmtp.port);
  return ports.filter((p) => p > 0);
}

/** Read-only scan (like pgrep): processes whose command line or Dovecot title is this sandbox's. */
export function leftoverProcesses(info: Pick<SandboxInfo, 'name' | 'dir'>): number[] {
  const marker = processMarker(info.dir);
  const title = `dovecot-signoff-${info.name}/`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if ((cmdline.includes(marker) || cmdline.includes(title)) && isOurProcess(pid, cmdline.includes(marker) ? marker : title)) found.push(pid);
    } catch {
      // Exited while scanning.
    }
  }
  return found;
}

export async function stopSandboxProcesses(info: Pick<SandboxInfo, 'dir' | 'pids'>): Promise<number[]> {
  const marker = processMarker(info.dir);
  const { slapd, dovecot, ...rest } = info.pids;
  const first = [dovecot, ...Object.values(rest)].filter((p): p is number => typeof p === 'number');
  const survivors = await stopProcesses(first, marker);
  if (slapd !== undefined) survivors.push(...(await stopProcesses([slapd], marker)));
  return survivors;
}

async function stopOrphans(pids: number[], info: Pick<SandboxInfo, 'name' | 'dir'>): Promise<void> {
  const marker = processMarker(info.dir);
  const title = `dovecot-signoff-${info.name}/`;
  await Promise.all([stopProcesses(pids, marker, 2000), stopProcesses(pids, title, 2000)]);
}

async function waitUntil(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
}

/** Stops, verifies nothing is left, removes the folder. */
export async function teardown(info: SandboxInfo): Promise<void> {
  const survivors = await stopSandboxProcesses(info);
  // Orphans of a killed run (Apache workers, Dovecot children whose master got
  // SIGKILL) carry this sandbox's folder or instance title: stop them by PID.
  const orphans = leftoverProcesses(info);
  if (orphans.length > 0) await stopOrphans(orphans, info);
  const ports = sandboxPorts(info);
  let left: number[] = [];
  const clean = await waitUntil(() => (left = leftoverProcesses(info)).length === 0, 3000);
  let busy: number[] = [];
  const portsFree = await waitUntil(async () => {
    const free = await Promise.all(ports.map(isPortFree));
    busy = ports.filter((_, i) => !free[i]);
    return busy.length === 0;
  }, 3000);
  if (survivors.length > 0 || !clean || !portsFree) {
    throw new SignoffError(
      'SANDBOX_STOP_FAILED',
      `sandbox "${info.name}" (${info.dir}) did not stop cleanly: ` +
        [
          survivors.length ? `PIDs ${survivors.join(', ')} survived SIGKILL` : '',
          !clean ? `processes ${left.join(', ')} still run` : '',
          !portsFree ? `ports ${busy.join(', ')} still in use` : '',
        ].filter(Boolean).join('; ') +
        '; the folder was kept',
    );
  }
  await rm(info.dir, { recursive: true, force: true });
}
