/** Shared by the GUI tests: the fixture accounts, a run folder, and what a run folder holds. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAccounts } from '../../src/config/accounts.ts';
import type { GuiAccount } from '../../src/gui/run.ts';
import type { CheckResult } from '../../src/model/types.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');

export async function fixtureAccounts(): Promise<[GuiAccount, GuiAccount]> {
  const { accounts } = await loadAccounts(path.join(REPO, 'fixtures/accounts.csv'), { strict: true });
  const [a, b] = accounts.map((account) => {
    if (!account.password) throw new Error(`fixtures/accounts.csv: ${account.login} has no password`);
    return { login: account.login, password: account.password, email: account.email };
  });
  if (!a || !b) throw new Error('fixtures/accounts.csv: the GUI checks need two accounts');
  return [a, b];
}

export async function newRunDir(label: string): Promise<{ runDir: string; evidenceDir: string }> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), `signoff-gui-test-${label}-`));
  return { runDir, evidenceDir: path.join(runDir, 'evidence', 'gui') };
}

export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Every byte written to the run folder, with trace zips unpacked (they are compressed). */
export async function runFolderText(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const file of await filesIn(dir)) {
    parts.push((await readFile(file)).toString('latin1'));
    if (file.endsWith('.zip')) parts.push(execFileSync('unzip', ['-p', file], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1'));
  }
  return parts.join('\n');
}

export function byId(checks: CheckResult[], id: string): CheckResult {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}; have ${checks.map((c) => c.id).join(', ')}`);
  return check;
}

export function failedCriteria(check: CheckResult): string[] {
  return check.criteria.filter((c) => !c.passed).map((c) => c.name);
}
