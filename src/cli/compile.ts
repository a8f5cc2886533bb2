/**
 * `signoff compile <scenario>`: type-check and bundle a scenario into the k6
 * script a run would use, to inspect it or to run it by hand / on the
 * k6-operator. Profile and SLOs come from flags here (suites give them in a run).
 */
import type { Command } from 'commander';
import { outputFolder } from './flag-values.ts';
import { loadProfileSchema, parseSlo } from '../config/load.ts';
import type { LoadProfile, Slo } from '../config/load.ts';
import { SignoffError } from '../errors.ts';
import { compileScenario } from '../load/compile.ts';

interface CompileFlags {
  profile: string;
  vus: string;
  duration: string;
  slo: string[];
  out: string;
  json?: boolean;
}

function profileFrom(flags: CompileFlags): LoadProfile {
  const parsed = loadProfileSchema.safeParse({ kind: flags.profile, vus: Number(flags.vus), duration: flags.duration });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${String(i.path[0] === 'kind' ? 'profile' : (i.path[0] ?? 'profile'))}: ${i.message}`);
    throw new SignoffError('USAGE', `invalid load profile: ${problems.join('; ')}`, { hint: 'Use --profile smoke|load|stress|soak|spike with --vus <n> --duration <30s|5m|1h>.' });
  }
  return parsed.data;
}

function slosFrom(sentences: string[]): Slo[] {
  return sentences.map((sentence) => {
    const parsed = parseSlo(sentence);
    if (!parsed.ok) throw new SignoffError('USAGE', `--slo ${parsed.message}`);
    return parsed.slo;
  });
}

export function registerCompile(program: Command): void {
  program
    .command('compile')
    .description('type-check a k6 scenario and bundle it with options from a load profile and thresholds from SLOs')
    .argument('<scenario>', 'a name in scenarios/ (e.g. webmail-user) or the path of a .ts scenario')
    .option('--profile <kind>', 'smoke, load, stress, soak or spike', 'smoke')
    .option('--vus <n>', 'virtual users (concurrent sessions)', '2')
    .option('--duration <d>', 'e.g. 30s, 5m, 1h', '30s')
    .option('--slo <sentence>', 'an SLO such as "mail.all p95 < 500ms" (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--out <dir>', 'output folder', outputFolder, 'dist/k6')
    .option('--json', 'print the result (paths, options) as JSON')
    .action(async (scenario: string, flags: CompileFlags) => {
      const result = await compileScenario({ scenarioFile: scenario, profileName: flags.profile, profile: profileFrom(flags), slos: slosFrom(flags.slo), outDir: flags.out });
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${result.scriptPath}\n  source map ${result.sourceMapPath}\n  run: SIGNOFF_BASE_URL=<url> SIGNOFF_ACCOUNTS_FILE=<accounts.json> k6 run ${result.scriptPath}\n`,
      );
    });
}
