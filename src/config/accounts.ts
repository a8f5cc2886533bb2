/**
 * Accounts in the OX `createuser --csv-import` format (column names are the
 * tool's long option names). Parsed with csv-parse, validated row by row with zod.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { SignoffError } from '../errors.ts';
import { csvErrorLine, csvErrorText } from './csv-errors.ts';

const REQUIRED_COLUMNS = ['contextid', 'username', 'displayname', 'givenname', 'surname', 'email'] as const;

const optionalText = z.string().trim().min(1).optional();

export const accountRowSchema = z.object({
  contextid: z.string().trim().regex(/^\d+$/, 'expected a positive whole number').transform((v) => Number(v)),
  username: z.string().trim().regex(/^[A-Za-z0-9._-]+$/, 'expected a user name of letters, digits, ".", "_" or "-"'),
  displayname: z.string().trim().min(1, 'expected a display name'),
  givenname: z.string().trim().min(1, 'expected a given name'),
  surname: z.string().trim().min(1, 'expected a surname'),
  password: z.string().min(1, 'expected a password').optional(),
  email: z.email('expected an e-mail address'),
  language: optionalText,
  timezone: optionalText,
  department: optionalText,
  company: optionalText,
  imaplogin: optionalText,
  quota: z.string().trim().regex(/^-?\d+$/, 'expected quota in MB (-1 = unlimited)').transform(Number).optional(),
  mail_folder_drafts_name: optionalText,
  mail_folder_sent_name: optionalText,
  mail_folder_spam_name: optionalText,
  mail_folder_trash_name: optionalText,
});

export type AccountRow = z.infer<typeof accountRowSchema>;

export interface Account extends AccountRow {
  /** OX login: the user and the context, split again at the last `@`. */
  login: string;
  /** 1-based line of the row in its file, for error messages. */
  line: number;
}

export interface AccountProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

export interface ParsedAccounts {
  accounts: Account[];
  problems: AccountProblem[];
}

export function formatProblem(problem: AccountProblem): string {
  return `${problem.file}:${problem.line}: column "${problem.column}": ${problem.message}`;
}

/**
 * Parses the CSV text. Bad rows are returned as problems (line, column, what
 * was expected); the caller decides whether they are fatal (`strict`).
 */
export function parseAccountsCsv(text: string, file: string): ParsedAccounts {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns each record with its line number; its typings do not say so.
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, bom: true, info: true }) as unknown as typeof records;
  } catch (cause) {
    throw new SignoffError('ACCOUNTS_INVALID', `${file}:${csvErrorLine(cause)}: not valid CSV: ${csvErrorText(cause)}`, { cause });
  }
  const [headerRecord, ...rows] = records;
  const header = headerRecord?.record;
  if (!header) throw new SignoffError('ACCOUNTS_INVALID', `${file}:1: empty file, expected a header row`);
  const columns = header.map((c) => c.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new SignoffError(
      'ACCOUNTS_INVALID',
      `${file}:1: header lacks column(s) ${missing.map((m) => `"${m}"`).join(', ')}; expected the OX createuser CSV columns ${REQUIRED_COLUMNS.join(',')}`,
    );
  }
  const passwordBearing = columns.includes('password');
  const accounts: Account[] = [];
  const problems: AccountProblem[] = [];
  const seenLogins = new Map<string, number>();
  for (const { record: row, info } of rows) {
    const line = info.lines;
    if (row.length !== columns.length) {
      problems.push({ file, line, column: '*', message: `expected ${columns.length} fields, found ${row.length}` });
      continue;
    }
    const record = Object.fromEntries(columns.map((c, i) => [c, row[i] === '' ? undefined : row[i]]));
    const result = accountRowSchema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? '*');
        const got = record[column];
        // A row with a password may hold it in any column (swapped columns): echo none of its values.
        const shown = passwordBearing || got === undefined ? '' : `, got "${got}"`;
        problems.push({ file, line, column, message: `${issue.message}${shown}` });
      }
      continue;
    }
    const login = `${result.data.username}@${result.data.contextid}`;
    const first = seenLogins.get(login);
    if (first !== undefined) {
      problems.push({ file, line, column: 'username', message: `duplicate login ${login} (first on line ${first})` });
      continue;
    }
    seenLogins.set(login, line);
    accounts.push({ ...result.data, login, line });
  }
  return { accounts, problems };
}

/** Reads and parses; in strict mode any bad row is fatal and nothing is returned. */
export async function loadAccounts(file: string, options: { strict: boolean }): Promise<ParsedAccounts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SignoffError('ACCOUNTS_INVALID', `${file}: cannot read the accounts file`, { cause });
  }
  const parsed = parseAccountsCsv(text, file);
  if (options.strict && parsed.problems.length > 0) {
    throw new SignoffError('ACCOUNTS_INVALID', parsed.problems.map(formatProblem).join('\n'));
  }
  return parsed;
}
