/**
 * The App Suite stand-in nodes (src/sandbox/ox/main.ts, one process per route).
 * Each gets its OxNodeConfig as a JSON file (mode 0600: it holds the LDAP admin
 * password and the admin token); ready = GET /health answers 200.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCacheDir } from '../paths.ts';
import { spawnDaemon, type Daemon } from '../process.ts';
import { waitForHttp } from '../readiness.ts';
import type { OxNodeConfig, SandboxNodeInfo } from '../types.ts';

/** The node program; SIGNOFF_SANDBOX_NODE_ENTRY points elsewhere (e.g. a build under test). */
export function nodeEntry(): string {
  return process.env.SIGNOFF_SANDBOX_NODE_ENTRY ?? fileURLToPath(new URL('../ox/main.ts', import.meta.url));
}

export function nodeConfigFile(nodesDir: string, route: string): string {
  return join(nodesDir, `${route}.json`);
}

export function nodeUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function nodeInfo(config: OxNodeConfig): SandboxNodeInfo {
  return { route: config.route, url: nodeUrl(config.port) };
}

export async function writeNodeConfig(nodesDir: string, config: OxNodeConfig): Promise<string> {
  const file = nodeConfigFile(nodesDir, config.route);
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Starts one node with the same Node binary that runs signoff. */
export async function startNode(configFile: string, config: OxNodeConfig, cwd: string): Promise<Daemon> {
  const daemon = await spawnDaemon({
    command: process.execPath,
    args: ['--disable-warning=ExperimentalWarning', nodeEntry(), configFile],
    logFile: `${config.logFile}.stderr`,
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', NODE_ENV: 'production', NODE_COMPILE_CACHE: compileCacheDir() },
  });
  await waitForHttp(`${nodeUrl(config.port)}/health`, (status) => status === 200, daemon);
  return daemon;
}

/** Signature of a lost port race in a node's stderr (P15). */
export const NODE_PORT_CLASH = /EADDRINUSE/;
