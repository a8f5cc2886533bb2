/**
 * TS scenario → one k6 ES module: type-check (k6 only strips types), bundle
 * with esbuild (k6 modules stay external), and export `options` built from the
 * suite's profile and SLOs. The script holds no target and no secret; those
 * come from SIGNOFF_* environment variables when k6 runs it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { LoadProfile, Slo } from '../config/load.ts';
import { SignoffError } from '../errors.ts';
import { k6OptionsFor } from './k6-options.ts';
import { assertTypesValid } from './typecheck.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');

export interface CompileInput {
  /** A path to a .ts file, or the name of one in scenarios/ (`webmail-user`). */
  scenarioFile: string;
  profileName: string;
  profile: LoadProfile;
  slos: Slo[];
  outDir: string;
  /** --verify-responses: bundle the wire contracts (src/contract) so the client checks every answer. */
  verifyResponses?: boolean;
}

export interface CompiledScenario {
  scenario: string;
  scriptPath: string;
  sourceMapPath: string;
  options: Record<string, unknown>;
}

export function availableScenarios(): string[] {
  if (!existsSync(SCENARIOS_DIR)) return [];
  return readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The scenario's file: an existing path as given, else a name in scenarios/. */
export function resolveScenarioFile(scenarioFile: string): string {
  const candidates = [resolve(scenarioFile), join(SCENARIOS_DIR, scenarioFile), join(SCENARIOS_DIR, `${scenarioFile}.ts`)];
  const found = candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
  if (found) return found;
  throw new SignoffError('SCENARIO_INVALID', `unknown scenario "${scenarioFile}"; available in scenarios/: ${availableScenarios().join(', ') || '(none)'}`, {
    hint: 'Name a scenario from the list, or give the path of your own .ts scenario.',
  });
}

/** k6 scenario names allow letters, digits, `_` and `-`. */
function scenarioNameOf(file: string): string {
  return basename(file, '.ts').replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The bundle's entry: the scenario's exports, with `options` replaced by the
 * compiled ones (a local export shadows a star re-export).
 */
function entrySource(file: string, options: Record<string, unknown>): string {
  const spec = JSON.stringify(file);
  return `export * from ${spec};\nexport { default } from ${spec};\nexport const options = ${JSON.stringify(options, null, 2)};\n`;
}

export async function compileScenario(input: CompileInput): Promise<CompiledScenario> {
  const file = resolveScenarioFile(input.scenarioFile);
  assertTypesValid(file);
  const scenario = scenarioNameOf(file);
  const options = k6OptionsFor(scenario, input.profile, input.slos);
  const outDir = resolve(input.outDir);
  await mkdir(outDir, { recursive: true });
  const scriptPath = join(outDir, `${scenario}.js`);
  try {
    await build({
      stdin: { contents: entrySource(file, options), resolveDir: dirname(file), sourcefile: `${scenario}.entry.js`, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      // k6 provides its modules at run time; remote jslib imports stay URLs.
      external: ['k6', 'k6/*', 'https://*', 'http://*'],
      // The contracts only when asked: a normal load carries no schema (src/k6/contract.ts).
      alias: { 'signoff-contract': join(PROJECT_ROOT, 'src/contract', input.verifyResponses ? 'verify.ts' : 'verify-off.ts') },
      outfile: scriptPath,
      sourcemap: 'linked',
      // Readable output: the script is kept next to the report for audits.
      minify: false,
      legalComments: 'none',
      logLevel: 'silent',
      banner: { js: `// signoff: scenario ${scenario}, profile ${input.profileName}. Generated; edit ${basename(file)} instead.` },
    });
  } catch (cause) {
    const errors = (cause as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
    const lines = errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1} ${e.text}` : e.text));
    throw new SignoffError('SCENARIO_INVALID', `cannot bundle ${file}:\n${lines.join('\n') || String(cause)}`, { cause });
  }
  return { scenario, scriptPath, sourceMapPath: `${scriptPath}.map`, options };
}
