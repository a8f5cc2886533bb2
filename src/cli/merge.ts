/**
 * `signoff merge <dir|file…>`: the k6 outputs of several runners (k6-operator
 * or local segments) → one LoadResult with the SLOs judged on all samples,
 * written as load-result.json: the `load[]` entry of a RunReport.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { outputFile } from './flag-values.ts';
import { loadChecks } from '../load/checks.ts';
import { mergeOutputs } from '../k8s/merge.ts';
import { parseSlos } from './capacity.ts';

interface MergeFlags {
  slo: string[];
  scenario?: string;
  out?: string;
  json?: boolean;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge the k6 JSON outputs (.json, .json.gz) of several runners into one load result with SLO verdicts')
    .argument('<paths...>', 'output files or folders holding them (a folder with signoff-k8s.json gives scenario, profile and SLOs)')
    .option('--slo <sentence>', 'SLO to judge (repeatable; replaces those of signoff-k8s.json)', (v: string, all: string[]) => [...all, v], [])
    .option('--scenario <name>', 'scenario name in the result')
    .option('--out <file>', 'where to write the result (default load-result.json beside the first folder)', outputFile)
    .option('--json', 'print the result as JSON')
    .action(async (paths: string[], flags: MergeFlags) => {
      const merged = await mergeOutputs({ paths, ...(flags.slo.length > 0 ? { slos: parseSlos(flags.slo) } : {}), ...(flags.scenario ? { scenario: flags.scenario } : {}) });
      const { result } = merged;
      const out = path.resolve(flags.out ?? path.join(path.dirname(path.resolve(merged.files[0]!)), 'load-result.json'));
      const checks = loadChecks(result, { requirementIds: [] });
      await writeFile(out, `${JSON.stringify({ load: [result], checks }, null, 2)}\n`);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const lines = [
          `${merged.files.length} outputs merged: ${result.totals.requests} requests, ${result.totals.failures} failed, p95 ${result.overall.p95} ms, ${result.startedAt} → ${result.finishedAt}`,
          ...result.slos.map((v) => `  ${v.passed ? 'pass' : 'FAIL'}  ${v.action} ${v.metric} ${v.op} ${v.threshold} (measured ${v.measured} ${v.unit})`),
          `written: ${out}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      process.exitCode = result.slos.every((v) => v.passed) ? 0 : 1;
    });
}
