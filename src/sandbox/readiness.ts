/**
 * Readiness means the protocol answers, not that a port accepts (P3): IMAP
 * greets with `* OK`, LMTP with `220`, LDAP binds and searches, HTTP says 200.
 * Every wait is bounded and gives up early when the daemon exits.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'ldapts';
import type { Daemon } from './process.ts';

export class DaemonExited extends Error {}

async function poll<T>(what: string, timeoutMs: number, daemon: Daemon | undefined, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    if (daemon?.hasExited()) throw new DaemonExited(`${what}: the process exited before it was ready`);
    try {
      return await attempt();
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not ready after ${timeoutMs} ms (last: ${(last as Error)?.message ?? last})`);
    }
    await sleep(15);
  }
}

/** Reads the first line a server sends on a fresh connection. */
export function readGreeting(port: number, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no greeting from 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      buffer += chunk;
      const end = buffer.indexOf('\r\n');
      if (end >= 0) {
        clearTimeout(timer);
        socket.destroy();
        resolve(buffer.slice(0, end));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function waitForGreeting(what: string, port: number, prefix: string, daemon?: Daemon, timeoutMs = 10_000): Promise<string> {
  return poll(what, timeoutMs, daemon, async () => {
    const line = await readGreeting(port);
    if (!line.startsWith(prefix)) throw new Error(`expected a greeting starting "${prefix}", got "${line}"`);
    return line;
  });
}

export function waitForLdap(
  url: string,
  bind: { dn: string; password: string },
  baseDn: string,
  daemon?: Daemon,
  timeoutMs = 10_000,
): Promise<void> {
  return poll(`LDAP ${url}`, timeoutMs, daemon, async () => {
    const client = new Client({ url, timeout: 1000, connectTimeout: 1000 });
    try {
      await client.bind(bind.dn, bind.password);
      await client.search(baseDn, { scope: 'base', attributes: ['dn'] });
    } finally {
      await client.unbind().catch(() => undefined);
    }
  });
}

export function waitForHttp(
  url: string,
  accept: (status: number, headers: Headers) => boolean,
  daemon?: Daemon,
  timeoutMs = 15_000,
  init?: RequestInit,
): Promise<number> {
  return poll(`HTTP ${url}`, timeoutMs, daemon, async () => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    if (!accept(response.status, response.headers)) throw new Error(`HTTP ${response.status}`);
    return response.status;
  });
}
