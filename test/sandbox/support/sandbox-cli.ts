/**
 * Runs only the `sandbox` command group in a child process, with the same
 * error reporting and exit codes as src/cli/main.ts, so the sandbox CLI can be
 * tested without loading every other command module.
 */
import { Command, CommanderError } from 'commander';
import { registerSandbox } from '../../../src/cli/sandbox.ts';
import { EXIT, exitCodeOf, isSignoffError } from '../../../src/errors.ts';

const program = new Command('signoff').exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
registerSandbox(program);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.stderr.write(isSignoffError(error) ? `signoff: ${error.code}: ${error.message}\n  hint: ${error.hint}\n` : `signoff: INTERNAL: ${(error as Error).stack}\n`);
    process.exitCode = exitCodeOf(error);
  }
}
