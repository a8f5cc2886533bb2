/** How an error reaches the user: code, message and hint; a stack only with SIGNOFF_DEBUG. */
import { isSignoffError } from '../errors.ts';

const REPORT_LINE = 'This is a bug in signoff, not in your input: please report it with the command you ran (SIGNOFF_DEBUG=1 prints the stack).';

export function reportError(error: unknown): void {
  const debug = Boolean(process.env.SIGNOFF_DEBUG);
  if (isSignoffError(error)) {
    process.stderr.write(`signoff: ${error.code}: ${error.message}\n  hint: ${error.hint}\n`);
    if (error.cause instanceof Error && debug) process.stderr.write(`${error.cause.stack}\n`);
    return;
  }
  const e = error as Error | undefined;
  process.stderr.write(`signoff: INTERNAL: ${e?.message ?? String(error)}\n  ${REPORT_LINE}\n`);
  if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
}
