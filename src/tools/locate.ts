/** Finds a tool's executable in the order its registry entry gives. */
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import which from 'which';
import { DEFAULT_TOOLS_DIR, projectToolsDir } from './project.ts';
import type { ToolSpec } from './registry.ts';

export interface LocateOptions {
  env?: NodeJS.ProcessEnv;
  /** A path set in the configuration; when given it is the only place looked at. */
  configPath?: string;
}

export interface Located {
  path?: string;
  /** Every place looked at, in order, for messages. */
  searched: string[];
}

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function locate(spec: ToolSpec, options: LocateOptions = {}): Promise<Located> {
  const env = options.env ?? process.env;
  // An explicitly configured path that is wrong must be reported, not quietly replaced.
  if (options.configPath) {
    const file = path.resolve(options.configPath);
    return { path: (await isExecutableFile(file)) ? file : undefined, searched: [file] };
  }
  const toolsDir = projectToolsDir(env);
  const candidates = [
    ...(spec.locate.self ? [process.execPath] : []),
    ...(spec.locate.project ? [path.join(toolsDir, spec.name)] : []),
    ...(spec.locate.paths ?? []),
  ];
  for (const file of candidates) {
    if (await isExecutableFile(file)) return { path: file, searched: candidates };
  }
  if (!spec.locate.onPath) return { searched: candidates };
  const searchPath = pathWithout(env.PATH ?? '', toolsDir === DEFAULT_TOOLS_DIR ? [] : [DEFAULT_TOOLS_DIR]);
  const found = await which(spec.locate.onPath, { path: searchPath, nothrow: true });
  return { path: found ?? undefined, searched: [...candidates, `PATH (${spec.locate.onPath})`] };
}

function pathWithout(searchPath: string, excluded: string[]): string {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !excluded.includes(path.resolve(dir)))
    .join(path.delimiter);
}
