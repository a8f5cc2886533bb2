/**
 * The last line of defence before a run folder is signed: every secret the
 * run knew (account passwords, the accounts' shared password, metrics and
 * LDAP service passwords, the p12 passphrase) is searched for in every file,
 * also in the forms it takes on the way (JSON- and IMAP-quoted, URL- and
 * form-encoded, inside base64 such as a Basic auth header). A hit names the
 * file and the form, never the secret.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAccounts } from '../config/accounts.ts';
import type { TargetConfig } from '../config/config.ts';
import type { RunPlan } from '../config/plan.ts';
import { resolveSecret } from '../config/secret.ts';
import { filesOf } from './run-folder.ts';
import type { RunTarget } from './task.ts';
import { sharedPassword } from './tasks/account-pool.ts';

export interface SecretHit {
  /** Path relative to the scanned folder. */
  file: string;
  form: string;
}

/** Shorter values (a PIN-like test password) would match by chance in binary files. */
const MIN_LENGTH = 4;

/**
 * The base64 text that contains `secret` whatever its offset in the encoded
 * input: encode it after 0, 1 and 2 leading bytes and keep the characters
 * that depend on the secret alone.
 */
function base64Cores(secret: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString('base64');
    // Character k holds bits 6k…6k+5: it is the secret's alone from ceil(8·offset/6) to floor(8·(offset+n)/6) − 1.
    const start = Math.ceil((4 * offset) / 3);
    const end = Math.floor((4 * (offset + secret.length)) / 3);
    const core = encoded.slice(start, end);
    if (core.length >= 6) cores.push(core);
  }
  return cores;
}

export function secretForms(secret: string): { form: string; text: string }[] {
  const forms = new Map<string, string>();
  const add = (form: string, text: string) => {
    if (text.length >= MIN_LENGTH && ![...forms.values()].includes(text)) forms.set(form, text);
  };
  add('as is', secret);
  add('JSON-quoted', JSON.stringify(secret).slice(1, -1));
  add('IMAP-quoted', secret.replace(/["\\]/g, (c) => `\\${c}`));
  add('URL-encoded', encodeURIComponent(secret));
  add('form-encoded', new URLSearchParams({ s: secret }).toString().slice(2));
  base64Cores(Buffer.from(secret, 'utf8')).forEach((core, i) => add(`base64 (offset ${i})`, core));
  return [...forms].map(([form, text]) => ({ form, text }));
}

async function csvPasswords(file: string): Promise<string[]> {
  const parsed = await loadAccounts(file, { strict: false }).catch(() => undefined);
  return (parsed?.accounts ?? []).flatMap((a) => (a.password ? [a.password] : []));
}

async function targetSecrets(accounts: TargetConfig['accounts'], baseDir: string): Promise<string[]> {
  if (!accounts) return [];
  const shared = await sharedPassword(accounts, baseDir).catch(() => undefined);
  return [...(await csvPasswords(path.resolve(baseDir, accounts.file))), ...(shared ? [shared] : [])];
}

async function namedSecret(source: { env?: string | undefined; file?: string | undefined }, baseDir: string): Promise<string[]> {
  if (source.env === undefined && source.file === undefined) return [];
  const secret = await resolveSecret(source, { at: '', what: 'a secret', baseDir }).catch(() => undefined);
  return secret ? [secret.reveal()] : [];
}

/** Every secret this run could have handled. Sources that cannot be read now add nothing (preflight reported them). */
export async function runSecrets(plan: RunPlan, target: RunTarget | undefined): Promise<string[]> {
  const base = plan.projectDir;
  const secrets: string[] = [];
  // A sandbox target's accounts file is absolute; a configured one relative to the project.
  secrets.push(...(await targetSecrets(target?.accounts, base)));
  const csv = plan.suite.checks.accounts?.csv;
  if (csv !== undefined) secrets.push(...(await csvPasswords(path.resolve(base, csv))));
  for (const node of target?.nodes ?? []) if (node.metricsAuth) secrets.push(...(await namedSecret({ env: node.metricsAuth.passwordEnv, file: node.metricsAuth.passwordFile }, base)));
  if (target?.ldap?.bind) secrets.push(...(await namedSecret({ env: target.ldap.bind.passwordEnv }, base)));
  const signing = plan.config.protocol.signing;
  if (signing !== undefined && signing !== 'demo') secrets.push(...(await namedSecret({ env: signing.passphraseEnv, file: signing.passphraseFile }, base)));
  return [...new Set(secrets)].filter((s) => s.length >= MIN_LENGTH);
}

/** Searches every file below `dir`; one hit per file and secret is enough to name it. */
export async function scanForSecrets(dir: string, secrets: readonly string[]): Promise<SecretHit[]> {
  if (secrets.length === 0) return [];
  const needles = secrets.flatMap((s) => secretForms(s).map((f) => ({ form: f.form, bytes: Buffer.from(f.text, 'utf8') })));
  const hits: SecretHit[] = [];
  for (const { absolute, relative } of await filesOf(dir)) {
    const bytes = await readFile(absolute);
    const found = needles.find((n) => bytes.includes(n.bytes));
    if (found) hits.push({ file: relative, form: found.form });
  }
  return hits.sort((a, b) => (a.file < b.file ? -1 : 1));
}
