/** Checks the tools of the registry: found, version read and compared, extra files present. */
import { access } from 'node:fs/promises';
import { locate, type LocateOptions } from './locate.ts';
import { fixCommand, TOOLS, type Install, type ToolSpec } from './registry.ts';
import { readVersion, satisfies } from './version.ts';

export type ToolStatus = 'ok' | 'missing' | 'wrong-version';

export interface ToolReport {
  name: string;
  purpose: string;
  path: string | null;
  version: string | null;
  required: string | null;
  needed: boolean;
  status: ToolStatus;
  /** Why it is not ok, in words. */
  detail: string | null;
  /** The command that fixes it; null when ok. */
  fix: string | null;
}

export interface CheckOptions {
  env?: NodeJS.ProcessEnv;
  /** Configured path per tool name (e.g. `{ k6: '/opt/k6' }`). */
  configPaths?: Partial<Record<string, string>>;
  timeoutMs?: number;
}

export async function checkTool(spec: ToolSpec, options: CheckOptions = {}): Promise<ToolReport> {
  const locateOptions: LocateOptions = { env: options.env, configPath: options.configPaths?.[spec.name] };
  const [found, missingFiles] = await Promise.all([locate(spec, locateOptions), missingFilesOf(spec)]);
  const base = { name: spec.name, purpose: spec.purpose, required: spec.requires ?? null, needed: spec.needed };
  if (!found.path) {
    const detail = `not found (looked in ${found.searched.join(', ')})`;
    return { ...base, path: null, version: null, status: 'missing', detail, fix: fixCommand([spec.install]) };
  }
  const version = await versionOf(spec, found.path, options.timeoutMs);
  if (spec.requires && !(version && satisfies(version, spec.requires))) {
    const detail = version
      ? `${found.path} is ${version}; ${spec.requires} is needed`
      : `could not read the version of ${found.path}`;
    return { ...base, path: found.path, version: version ?? null, status: 'wrong-version', detail, fix: fixCommand([spec.install]) };
  }
  if (missingFiles.length > 0) {
    const detail = `missing ${missingFiles.map((f) => `${f.path} (${f.why})`).join(', ')}`;
    const fix = fixCommand(missingFiles.map((f): Install => f.install));
    return { ...base, path: found.path, version: version ?? null, status: 'missing', detail, fix };
  }
  return { ...base, path: found.path, version: version ?? null, status: 'ok', detail: null, fix: null };
}

/** All tools at once: the version probes run in parallel. */
export function checkTools(options: CheckOptions = {}): Promise<ToolReport[]> {
  return Promise.all(TOOLS.map((spec) => checkTool(spec, options)));
}

async function versionOf(spec: ToolSpec, file: string, timeoutMs?: number): Promise<string | undefined> {
  if (spec.locate.self && file === process.execPath) return process.versions.node;
  return spec.version ? readVersion(file, spec.version, timeoutMs) : undefined;
}

async function missingFilesOf(spec: ToolSpec) {
  const files = spec.files ?? [];
  const present = await Promise.all(files.map((f) => access(f.path).then(() => true, () => false)));
  return files.filter((_, i) => !present[i]);
}
