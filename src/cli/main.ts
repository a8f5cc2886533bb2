/**
 * signoff CLI entry. Each command lives in its own module and registers itself;
 * errors from the catalogue become a message, a hint and the right exit code.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeOf } from '../errors.ts';
import { reportError } from './report-error.ts';
import { registerCommands } from './commands.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('signoff')
    .description('Load and acceptance tests for Open-Xchange App Suite deployments, ending in a signed test protocol')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  await registerCommands(program, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    reportError(error);
    return exitCodeOf(error);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
