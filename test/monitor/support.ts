/**
 * Test support shared by the monitor, capacity and segment tests: a JSON
 * account pool (0600) from the sandbox's accounts CSV, in a temp folder.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadAccounts } from '../../src/config/accounts.ts';

export const K6 = resolve(import.meta.dirname, '../../.tools/bin/k6');
export const ACCOUNTS_CSV = resolve(import.meta.dirname, '../../fixtures/accounts.csv');

export async function writePool(dir: string): Promise<string> {
  const { accounts } = await loadAccounts(ACCOUNTS_CSV, { strict: true });
  const file = join(dir, 'accounts.json');
  await writeFile(file, JSON.stringify(accounts.map((a) => ({ login: a.login, password: a.password ?? '', email: a.email }))), { mode: 0o600 });
  return file;
}
