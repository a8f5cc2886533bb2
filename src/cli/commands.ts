/** The command table: one module per command, loaded when that command runs. */
import type { Command } from 'commander';
import { registerSandbox } from './sandbox.ts';
import { registerDoctor } from './doctor.ts';
import { registerDemo } from './demo.ts';

export function registerCommands(program: Command): void {
  registerSandbox(program);
  registerDoctor(program);
  registerDemo(program);
}
