/** How an error reaches the user: code, message and hint; a stack only for bugs (or SIGNOFF_DEBUG). */
import { isSignoffError } from '../errors.ts';

export function reportError(error: unknown): void {
  if (isSignoffError(error)) {
    process.stderr.write(`signoff: ${error.code}: ${error.message}\n  hint: ${error.hint}\n`);
    if (error.cause instanceof Error && process.env.SIGNOFF_DEBUG) process.stderr.write(`${error.cause.stack}\n`);
  } else {
    const e = error as Error;
    process.stderr.write(`signoff: INTERNAL: ${e?.stack ?? String(error)}\n`);
  }
}
