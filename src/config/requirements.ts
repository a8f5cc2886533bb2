/**
 * The requirements catalogue, fixtures/requirements.csv: what was agreed,
 * who is responsible, when it is due and how it is verified. Suites name the
 * requirements they prove by id; the protocol lists them with their verdicts.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { SignoffError } from '../errors.ts';
import { csvErrorLine, csvErrorText } from './csv-errors.ts';
import { formatIssues } from './issues.ts';

export const requirementRowSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, 'expected a requirement id such as "REQ-LOAD-01"'),
  requirement: z.string().min(1, 'expected the requirement text'),
  responsible: z.enum(['customer', 'provider', 'both']),
  due: z.iso.date('expected a date such as 2025-03-31'),
  verification: z.string().min(1, 'expected how the requirement is verified'),
});

export type RequirementRow = z.infer<typeof requirementRowSchema>;

const COLUMNS = Object.keys(requirementRowSchema.shape);

export function parseRequirementsCsv(text: string, file: string): RequirementRow[] {
  let records: Record<string, string>[];
  let header: string[] = [];
  try {
    // The header as csv-parse reads it, also when no row follows.
    records = parse(text, { columns: (names: string[]) => (header = names.map((n) => n.trim())), skip_empty_lines: true, trim: true, bom: true });
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${file}:${csvErrorLine(cause)}: not valid CSV: ${csvErrorText(cause)}`, { cause });
  }
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (text.trim() !== '' && missing.length > 0) throw new SignoffError('CONFIG_INVALID', `${file}:1: header lacks column(s) ${missing.map((m) => `"${m}"`).join(', ')}; expected ${COLUMNS.join(',')}`);
  const rows: RequirementRow[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const line = index + 2; // 1-based, after the header
    const result = requirementRowSchema.safeParse(record);
    if (!result.success) {
      problems.push(...formatIssues(`${file}:${line}`, record, result.error.issues));
      return;
    }
    if (seen.has(result.data.id)) problems.push(`${file}:${line}: id: duplicate requirement "${result.data.id}"`);
    seen.add(result.data.id);
    rows.push(result.data);
  });
  if (problems.length > 0) throw new SignoffError('CONFIG_INVALID', problems.join('\n'));
  return rows;
}

export async function loadRequirements(file: string, shownAs: string): Promise<RequirementRow[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${shownAs}: cannot read the requirements catalogue`, { cause });
  }
  return parseRequirementsCsv(text, shownAs);
}
