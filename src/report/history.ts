/** Reading every finished run of a runs folder for the history page (oldest first). */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isSignoffError } from '../errors.ts';
import type { RunReport } from '../model/types.ts';
import { readRunReport } from './read-run.ts';

export interface RunHistory {
  runs: RunReport[];
  /** Folders skipped, with why (no report, invalid report). */
  skipped: string[];
}

export async function loadHistory(runsDir: string): Promise<RunHistory> {
  const entries = await readdir(runsDir, { withFileTypes: true });
  const runs: RunReport[] = [];
  const skipped: string[] = [];
  // Dot folders are runs still in progress (runs/.<id>.partial).
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
    try {
      runs.push(await readRunReport(path.join(runsDir, entry.name)));
    } catch (error) {
      if (!isSignoffError(error)) throw error;
      skipped.push(`${entry.name}: ${error.message.split('\n')[0]}`);
    }
  }
  runs.sort((a, b) => (a.run.startedAt < b.run.startedAt ? -1 : a.run.startedAt > b.run.startedAt ? 1 : a.run.id < b.run.id ? -1 : 1));
  return { runs, skipped };
}
