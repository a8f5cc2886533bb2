/**
 * The command table. Each command's module is imported only when that command
 * runs, so one command's missing dependency cannot break the others (doctor
 * above all, which is what a user runs when something is missing).
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

/** name → loader of the module's register function. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./run.ts')).registerRun,
  compile: async () => (await import('./compile.ts')).registerCompile,
  sandbox: async () => (await import('./sandbox.ts')).registerSandbox,
  doctor: async () => (await import('./doctor.ts')).registerDoctor,
  demo: async () => (await import('./demo.ts')).registerDemo,
  sign: async () => (await import('./sign.ts')).registerSign,
  verify: async () => (await import('./verify.ts')).registerVerify,
  history: async () => (await import('./history.ts')).registerHistory,
  capacity: async () => (await import('./capacity.ts')).registerCapacity,
  k8s: async () => (await import('./k8s.ts')).registerK8s,
  merge: async () => (await import('./merge.ts')).registerMerge,
};

/** Registers the command named in argv (or all of them for help). */
export async function registerCommands(program: Command, argv: string[]): Promise<void> {
  const name = argv.find((a) => !a.startsWith('-'));
  const wanted = name && name in COMMANDS && name !== 'help' ? [name] : Object.keys(COMMANDS);
  for (const command of wanted) {
    const register = await COMMANDS[command]!();
    register(program);
  }
}
