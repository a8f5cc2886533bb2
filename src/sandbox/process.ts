/**
 * Detached daemons: spawned with stdio to a log file and unref'd so the CLI can
 * exit while they run; stopped only by recorded PID after checking that
 * /proc/<pid>/cmdline still names our sandbox folder (a PID may be reused).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DaemonSpec {
  command: string;
  args: string[];
  logFile: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

export interface Daemon {
  pid: number;
  /** Settles when the process exits (only observable while this process lives). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

const DAEMON_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };

export function spawnDaemon(spec: DaemonSpec): Promise<Daemon> {
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? DAEMON_ENV,
      detached: true,
      stdio: ['ignore', log, log],
      ...(spec.uid === undefined ? {} : { uid: spec.uid, gid: spec.gid }),
    });
    let done = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => {
        done = true;
        resolve({ code, signal });
      });
    });
    return new Promise((resolve, reject) => {
      child.once('error', (error) => reject(error));
      child.once('spawn', () => {
        child.unref();
        resolve({ pid: child.pid as number, exited, hasExited: () => done });
      });
    });
  } finally {
    closeSync(log);
  }
}

/** True while `pid` is a live (non-zombie) process whose command line contains `marker`. */
export function isOurProcess(pid: number, marker: string): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state letter.
    if (state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) === 'Z') return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

async function waitGone(pids: number[], marker: string, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = pids.filter((pid) => isOurProcess(pid, marker));
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(20);
    alive = alive.filter((pid) => isOurProcess(pid, marker));
  }
  return alive;
}

/**
 * SIGTERM to each of `pids` that is still ours, SIGKILL after `graceMs` to the
 * same PIDs only. Resolves with the PIDs that survived even SIGKILL (normally none).
 */
export async function stopProcesses(pids: number[], marker: string, graceMs = 5000): Promise<number[]> {
  const ours = pids.filter((pid) => isOurProcess(pid, marker));
  for (const pid of ours) signal(pid, 'SIGTERM');
  const stubborn = await waitGone(ours, marker, graceMs);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  return waitGone(stubborn, marker, 2000);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone between the check and the signal.
  }
}

/** Last lines of a log file for error messages (never contains secrets: daemons don't log passwords). */
export function logTail(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
