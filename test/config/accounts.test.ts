import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAccountsCsv } from '../../src/config/accounts.ts';
import { formatIssues } from '../../src/config/issues.ts';

const HEADER = 'contextid,username,displayname,givenname,surname,password,email';
const SECRET = 'Tr0ub4dor&3-never-shown';

describe('accounts CSV validation', () => {
  it('names the line and column of a row whose password and e-mail are swapped without repeating either value', () => {
    const { problems } = parseAccountsCsv(`${HEADER}\n1,anton,Anton A,Anton,A,anton@example.test,${SECRET}\n`, 'accounts.csv');
    expect(problems).toMatchObject([{ file: 'accounts.csv', line: 2, column: 'email' }]);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
    expect(JSON.stringify(problems)).not.toContain('anton@example.test');
  });

  it('still shows the offending value in files without passwords', () => {
    const { problems } = parseAccountsCsv('contextid,username,displayname,givenname,surname,email\nx1,anton,Anton A,Anton,A,anton@example.test\n', 'accounts.csv');
    expect(problems[0]?.message).toContain('got "x1"');
  });

  it('reports broken CSV by line and csv-parse error code, never with the field text csv-parse quotes', () => {
    const text = `${HEADER}\n1,anton,Anton A,Anton,A,"${SECRET}" trailing,anton@example.test\n`;
    const error = (() => {
      try {
        parseAccountsCsv(text, 'accounts.csv');
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/^accounts\.csv:2: not valid CSV: .*\(CSV_[A-Z_]+\)$/);
    expect(error?.message).not.toContain(SECRET);
  });
});

describe('config error messages', () => {
  const schema = z.strictObject({ baseUrl: z.url(), accounts: z.strictObject({ passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name') }) });

  it('never repeat a password typed where an environment variable name belongs, nor a URL with credentials', () => {
    const input = { baseUrl: `https://admin:${SECRET}@ox.example.test`, accounts: { passwordEnv: SECRET } };
    const result = schema.safeParse({ ...input, baseUrl: 42 });
    expect(result.success).toBe(false);
    const lines = formatIssues('signoff.config.ts', { ...input, baseUrl: 42 }, result.error?.issues ?? []);
    expect(lines.join('\n')).toContain('accounts.passwordEnv: expected an environment variable name');
    expect(lines.join('\n')).not.toContain(SECRET);
    const url = z.strictObject({ baseUrl: z.string().refine(() => false, 'must not carry credentials') });
    const urlIssues = url.safeParse(input).error?.issues ?? [];
    expect(formatIssues('signoff.config.ts', input, urlIssues).join('\n')).not.toContain(SECRET);
  });
});
