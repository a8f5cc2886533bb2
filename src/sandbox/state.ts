/** sandbox.json and credentials.json of one sandbox, and the registry listing. */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignoffError } from '../errors.ts';
import { isSandboxName, sandboxPaths, sandboxRoot } from './paths.ts';
import type { SandboxCredentials, SandboxInfo } from './types.ts';

let writes = 0;

/** Atomic write (tmp + rename) so a reader never sees half a file. */
async function writeJson(file: string, value: unknown, mode: number): Promise<void> {
  const tmp = `${file}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode });
  await rename(tmp, file);
}

export async function writeInfo(info: SandboxInfo): Promise<void> {
  await writeJson(sandboxPaths(info.name).infoFile, info, 0o644);
}

export async function writeCredentialsFile(file: string, credentials: SandboxCredentials): Promise<void> {
  await writeJson(file, credentials, 0o600);
}

/** sandbox.json as written, whatever its state; undefined when the folder or file is missing. */
export async function readInfoFile(name: string): Promise<SandboxInfo | undefined> {
  const file = sandboxPaths(name).infoFile;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as SandboxInfo;
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${file}: not valid JSON (${(cause as Error).message})`, { cause });
  }
}

export async function listSandboxNames(): Promise<string[]> {
  try {
    const entries = await readdir(sandboxRoot(), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && isSandboxName(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

export async function readCredentialsFile(file: string): Promise<SandboxCredentials> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SandboxCredentials;
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${file}: cannot read the sandbox credentials`, { cause });
  }
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

export function logsDir(info: Pick<SandboxInfo, 'dir'>): string {
  return join(info.dir, 'logs');
}
