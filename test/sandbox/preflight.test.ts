/**
 * What `up` refuses before anything starts: a malformed accounts CSV (named by
 * file, line and column) and a missing Debian package. Nothing is left behind.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertSandboxPackages, SANDBOX_BINARIES } from '../../src/sandbox/packages.ts';
import { sandboxPaths } from '../../src/sandbox/paths.ts';
import { sandboxUp } from '../../src/sandbox/sandbox.ts';

const HEADER = 'contextid,username,displayname,givenname,surname,password,email';

function csv(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'signoff-preflight-'));
  const file = join(dir, 'accounts.csv');
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return file;
}

describe('sandbox up preflight', () => {
  it('refuses a malformed accounts CSV naming file, line and column, and starts nothing', async () => {
    const file = csv(['1,anna,Anna A,Anna,A,pw-1,anna@example.test', 'x,bob,Bob B,Bob,B,pw-2,bob@example.test']);
    const error = await sandboxUp({ name: 'tpre-csv', accountsFile: file }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ACCOUNTS_INVALID', exitCode: 2 });
    expect((error as Error).message).toContain(`${file}:3: column "contextid"`);
    expect(existsSync(sandboxPaths('tpre-csv').dir)).toBe(false);
  });

  it('accepts the same CSV once the row is fixed (the check is not over-eager)', async () => {
    const { loadAccounts } = await import('../../src/config/accounts.ts');
    const file = csv(['1,anna,Anna A,Anna,A,pw-1,anna@example.test', '2,bob,Bob B,Bob,B,pw-2,bob@example.test']);
    expect((await loadAccounts(file, { strict: true })).accounts.map((a) => a.login)).toEqual(['anna@1', 'bob@2']);
  });

  it('names the missing Debian package and the bootstrap command', () => {
    expect(() => assertSandboxPackages()).not.toThrow();
    const missing = { ...SANDBOX_BINARIES, slapd: { path: '/nonexistent/usr/sbin/slapd', pkg: 'slapd' } };
    let error: unknown;
    try {
      assertSandboxPackages(missing);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'PACKAGE_MISSING', exitCode: 3 });
    expect((error as Error).message).toContain('Debian package "slapd"');
    expect((error as { hint: string }).hint).toContain('npm run bootstrap');
  });

  it('refuses a sandbox name that would not fit the socket path limit', async () => {
    await expect(sandboxUp({ name: 'x'.repeat(40) })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
