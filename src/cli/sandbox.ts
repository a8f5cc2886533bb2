import type { Command } from 'commander';

export function registerSandbox(program: Command): void {
  program.command('sandbox').description('(not yet implemented)');
}
