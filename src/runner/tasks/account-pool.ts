/**
 * The account pool k6 reads: a JSON array of {login, password, email} in a
 * 0600 file in a private temp folder OUTSIDE the run folder (the run folder
 * is archived and signed; passwords must never end up there). Passwords come
 * from the CSV's password column, or from the target's passwordEnv/passwordFile
 * for the rows without one (a row's own password wins, in every family).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAccounts } from '../../config/accounts.ts';
import type { TargetConfig } from '../../config/config.ts';
import { resolveSecret } from '../../config/secret.ts';
import { SignoffError } from '../../errors.ts';

export interface AccountPool {
  file: string;
  size: number;
  dispose(): Promise<void>;
}

/** The one password of every account without its own (accounts.passwordEnv / passwordFile). */
export async function sharedPassword(accounts: NonNullable<TargetConfig['accounts']>, baseDir: string): Promise<string | undefined> {
  if (!accounts.passwordEnv && !accounts.passwordFile) return undefined;
  const source = { env: accounts.passwordEnv, file: accounts.passwordFile };
  return (await resolveSecret(source, { at: 'accounts.password', what: "the accounts' shared password", baseDir, code: 'ACCOUNTS_INVALID' })).reveal();
}

export async function writeAccountPool(accounts: NonNullable<TargetConfig['accounts']>, baseDir: string): Promise<AccountPool> {
  const csv = path.resolve(baseDir, accounts.file);
  const { accounts: rows } = await loadAccounts(csv, { strict: true });
  if (rows.length === 0) throw new SignoffError('ACCOUNTS_INVALID', `${csv}: no accounts; load needs at least one`);
  const shared = await sharedPassword(accounts, baseDir);
  const pool = rows.map((row) => {
    const password = row.password ?? shared;
    if (!password) throw new SignoffError('ACCOUNTS_INVALID', `${csv}:${row.line}: no password for ${row.login}; add the password column or set accounts.passwordEnv / passwordFile`);
    return { login: row.login, password, email: row.email };
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signoff-accounts-'));
  const file = path.join(dir, 'accounts.json');
  await writeFile(file, JSON.stringify(pool), { mode: 0o600 });
  return { file, size: pool.length, dispose: () => rm(dir, { recursive: true, force: true }) };
}
