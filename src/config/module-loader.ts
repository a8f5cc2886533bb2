/**
 * Loads `signoff.config.ts` and `suites/*.ts`: plain dynamic `import()`, since
 * Node 24 strips the types. The default export is the value; a module that
 * cannot be read or run is reported against its file.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SignoffError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

/** The file as the user named it, relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

export async function importDefault(file: string, code: ErrorCode): Promise<unknown> {
  const absolute = path.resolve(file);
  try {
    await access(absolute);
  } catch (cause) {
    throw new SignoffError(code, `${displayPath(absolute)}: file not found`, { cause });
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (cause) {
    throw new SignoffError(code, `${displayPath(absolute)}: cannot load the module: ${(cause as Error).message}`, { cause });
  }
  if (mod.default === undefined) {
    throw new SignoffError(code, `${displayPath(absolute)}: expected a default export (export default define…({ … }))`);
  }
  return mod.default;
}
