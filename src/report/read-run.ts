/**
 * Reading a finished run back from its folder: report.json (parsed and
 * schema-validated before anything trusts it) and the evidence images the
 * protocol embeds.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignoffError } from '../errors.ts';
import { validateReport } from '../model/schema.ts';
import type { RunReport } from '../model/types.ts';
import type { EmbeddedFile } from '../../reporters/protocol/types.ts';

export const REPORT_FILE = 'report.json';

const IMAGE_MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.gif': 'image/gif' };

/** Parses and validates report text; errors name the file and the JSON path. */
export function parseRunReport(text: string, shownAs: string): RunReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SignoffError('REPORT_INVALID', `${shownAs}: not valid JSON: ${(cause as Error).message}`, { cause });
  }
  try {
    validateReport(value);
  } catch (cause) {
    throw new SignoffError('REPORT_INVALID', `${shownAs}: ${(cause as Error).message}`, { cause });
  }
  return value;
}

export async function readRunReport(runDir: string): Promise<RunReport> {
  return readReportFile(path.join(runDir, REPORT_FILE));
}

/** A report.json by its own path (any name: a baseline may be an archived copy). */
export async function readReportFile(file: string): Promise<RunReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SignoffError('REPORT_INVALID', `${file}: cannot read the run report`, { cause, hint: 'Name a run folder that contains report.json.' });
  }
  return parseRunReport(text, file);
}

/** Screenshots and diff images the checks name, read for embedding; missing files are left out (the protocol lists them by path). */
export async function readEmbeddedEvidence(runDir: string, report: RunReport): Promise<Map<string, EmbeddedFile>> {
  const embedded = new Map<string, EmbeddedFile>();
  for (const evidence of report.checks.flatMap((c) => c.evidence)) {
    const mime = IMAGE_MIME[path.extname(evidence.path).toLowerCase()];
    if (!mime || embedded.has(evidence.path)) continue;
    try {
      embedded.set(evidence.path, { mime, bytes: await readFile(path.join(runDir, evidence.path)) });
    } catch {
      // A missing screenshot is shown as a path; verify reports the missing file.
    }
  }
  return embedded;
}
