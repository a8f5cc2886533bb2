/**
 * Loads `signoff.config.ts` and `suites/*.ts`: plain dynamic `import()`, since
 * Node 24 strips the types. The default export is the value; a module that
 * cannot be read or run is reported against its file.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { SignoffError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

/** The file as the user named it, relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Node's type stripping reports a syntax error without its place; esbuild
 * parses the same TypeScript and says `:line:col`.
 */
async function syntaxErrorAt(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    await transform(text, { loader: 'ts', sourcefile: file, logLevel: 'silent' });
    return undefined;
  } catch (error) {
    const location = (error as { errors?: { location?: { line: number; column: number } | null }[] }).errors?.[0]?.location;
    return location ? `:${location.line}:${location.column + 1}` : undefined;
  }
}

/** `:line:col` of the first stack frame inside the file (an exception thrown while it ran). */
function frameIn(cause: unknown, file: string): string | undefined {
  const stack = cause instanceof Error ? (cause.stack ?? '') : '';
  // Node names the frame by URL, loaders such as vite's by path.
  for (const name of [pathToFileURL(file).href, file]) {
    const index = stack.indexOf(`${name}:`);
    const match = index < 0 ? null : /^:(\d+):(\d+)/.exec(stack.slice(index + name.length));
    if (match) return `:${match[1]}:${match[2]}`;
  }
  return undefined;
}

export async function importDefault(file: string, code: ErrorCode): Promise<unknown> {
  const absolute = path.resolve(file);
  try {
    await access(absolute);
  } catch (cause) {
    throw new SignoffError(code, `${displayPath(absolute)}: file not found`, { cause });
  }
  let mod: { default?: unknown };
  const url = pathToFileURL(absolute).href;
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (cause) {
    const where = (await syntaxErrorAt(absolute)) ?? frameIn(cause, absolute);
    throw new SignoffError(code, `${displayPath(absolute)}${where ?? ''}: cannot load the module: ${(cause as Error).message}`, { cause });
  }
  if (mod.default === undefined) {
    throw new SignoffError(code, `${displayPath(absolute)}: expected a default export (export default define…({ … }))`);
  }
  return mod.default;
}
