/** Reads a tool's version by running it, with a short timeout so a hung tool cannot stall doctor. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import semver from 'semver';
import type { VersionProbe } from './registry.ts';

const run = promisify(execFile);

export const VERSION_TIMEOUT_MS = 10_000;

export async function readVersion(
  executable: string,
  probe: VersionProbe,
  timeoutMs = VERSION_TIMEOUT_MS,
): Promise<string | undefined> {
  let output: string;
  try {
    const { stdout, stderr } = await run(probe.via ?? executable, probe.args, {
      timeout: timeoutMs,
      env: { ...process.env, LC_ALL: 'C' },
    });
    output = `${stdout}\n${stderr}`;
  } catch (error) {
    // Some tools print their version and still exit non-zero (usage on stderr).
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    output = `${stdout}\n${stderr}`;
  }
  return probe.pattern.exec(output)?.[1];
}

/** Whether a version as tools print it (2.3.19.1, 1.26) satisfies a semver range. */
export function satisfies(version: string, range: string): boolean {
  const parsed = semver.coerce(version);
  return parsed !== null && semver.satisfies(parsed, range);
}
