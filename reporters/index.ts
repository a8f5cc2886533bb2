/**
 * The built-in reporters by name. The keys are the valid `--reporter` names,
 * so the list and its type cannot drift apart.
 */
import { ConsoleReporter } from './console.ts';
import { JsonReporter } from './json.ts';
import { JunitReporter } from './junit.ts';
import type { Reporter, ReporterOptions } from './types.ts';

export const BUILTIN_REPORTERS = {
  console: (options: ReporterOptions): Reporter => new ConsoleReporter(options),
  json: (): Reporter => new JsonReporter(),
  junit: (): Reporter => new JunitReporter(),
} as const;

export type BuiltinReporterName = keyof typeof BUILTIN_REPORTERS;

export function isBuiltinReporter(name: string): name is BuiltinReporterName {
  return Object.hasOwn(BUILTIN_REPORTERS, name);
}

export type { Reporter, ReportFile, ReporterOptions, TextSink } from './types.ts';
