/** `signoff history <runs-folder> [--out file.html]`: trends across runs as one standalone HTML page. */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { outputFile } from './flag-values.ts';
import { EXIT, SignoffError } from '../errors.ts';
import { renderHistoryHtml } from '../../reporters/protocol/history.ts';
import { loadHistory } from '../report/history.ts';

export async function runHistory(runsDir: string, options: { out?: string }, out: { write(s: string): unknown } = process.stdout): Promise<number> {
  const isDir = await stat(runsDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new SignoffError('USAGE', `${runsDir}: not a runs folder`);
  const history = await loadHistory(runsDir);
  if (history.runs.length === 0 && history.skipped.length === 0) throw new SignoffError('USAGE', `${runsDir}: not a runs folder (no run folder with a report.json in it)`);
  const file = options.out ?? path.join(runsDir, 'history.html');
  await writeFile(file, renderHistoryHtml(history.runs, `signoff history: ${path.basename(path.resolve(runsDir))}`));
  for (const s of history.skipped) out.write(`skipped ${s}\n`);
  out.write(`wrote ${file} (${history.runs.length} runs)\n`);
  return EXIT.ok;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('trend of p95 per action, error rate and pass rate across the runs of a folder, as a standalone HTML page')
    .argument('<runs-folder>', 'the folder holding the run folders (runs/)')
    .option('--out <file>', 'where to write the page (default <runs-folder>/history.html)', outputFile)
    .action(async (runsDir: string, options: { out?: string }) => {
      process.exitCode = await runHistory(runsDir, options);
    });
}
