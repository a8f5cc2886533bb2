/**
 * Everything a run will read, read once before the run folder exists: the
 * accounts CSVs, every secret the config names, the CA file, the brand spec,
 * the migration folder and the signing key. A problem is a usage error (exit
 * 2) naming the file and the config path, and nothing has been written yet —
 * instead of a run that fails half-way, or a protocol that quietly stays unsigned.
 */
import { X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAccounts } from '../config/accounts.ts';
import { loadBrand } from '../config/brand.ts';
import type { TargetConfig } from '../config/config.ts';
import { resolveMetricsAuth } from '../config/metrics-auth.ts';
import { displayPath } from '../config/module-loader.ts';
import type { RunPlan } from '../config/plan.ts';
import { resolveSecret } from '../config/secret.ts';
import { SignoffError } from '../errors.ts';
import { assertTypesValid } from '../load/typecheck.ts';
import { openP12 } from '../sign/p12.ts';
import { sharedPassword } from './tasks/account-pool.ts';

type Check = () => Promise<void>;

function configShown(plan: RunPlan): string {
  return plan.configFile ? displayPath(plan.configFile) : '(built-in config)';
}

async function checkCaFile(file: string, at: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new SignoffError('CONFIG_INVALID', `${at}: cannot read ${file}`, { cause });
  });
  try {
    new X509Certificate(text);
  } catch (cause) {
    throw new SignoffError('CONFIG_INVALID', `${at}: ${file} is not a PEM certificate`, { cause });
  }
}

async function checkAccounts(accounts: NonNullable<TargetConfig['accounts']>, at: string, baseDir: string): Promise<void> {
  const csv = path.resolve(baseDir, accounts.file);
  const { accounts: rows } = await loadAccounts(csv, { strict: true });
  const shared = await sharedPassword(accounts, baseDir);
  const without = rows.find((row) => !row.password);
  if (without && shared === undefined) throw new SignoffError('ACCOUNTS_INVALID', `${displayPath(csv)}:${without.line}: no password for ${without.login}; add the password column or set ${at}.passwordEnv / passwordFile`);
}

function targetChecks(plan: RunPlan): Check[] {
  if (plan.target.kind !== 'remote') return [];
  const target = plan.target.config;
  const at = `${configShown(plan)}: targets.${plan.target.name}`;
  const base = plan.projectDir;
  const checks: Check[] = [];
  if (target.caFile) {
    const caFile = target.caFile;
    checks.push(() => checkCaFile(path.resolve(base, caFile), `${at}.caFile`));
  }
  if (target.accounts) {
    const accounts = target.accounts;
    checks.push(() => checkAccounts(accounts, `${at}.accounts`, base));
  }
  const bind = target.ldap?.bind;
  if (bind) checks.push(async () => void (await resolveSecret({ env: bind.passwordEnv }, { at: `${at}.ldap.bind.password`, what: 'the LDAP service password', baseDir: base })));
  if (target.nodes.some((n) => n.metricsAuth)) checks.push(async () => void (await resolveMetricsAuth(target.nodes, { baseDir: base, where: at })));
  if (target.brand) {
    const brand = target.brand;
    checks.push(async () => void (await loadBrand(path.resolve(base, brand))));
  }
  return checks;
}

function suiteChecks(plan: RunPlan): Check[] {
  const { suite, projectDir } = plan;
  const shown = displayPath(plan.suiteFile);
  const checks: Check[] = [];
  const families = [suite.load.length, suite.custom.length, suite.gui, suite.probes.ldap, suite.probes.imap, suite.checks.accounts, suite.checks.api];
  // A run that checks nothing would pass and say so.
  if (!families.some(Boolean)) checks.push(() => Promise.reject(new SignoffError('SUITE_INVALID', `${shown}: nothing to verify: the suite names no load, gui, probes, checks or custom checks`)));
  const csv = suite.checks.accounts?.csv;
  // Bad rows are the accounts check's own findings; a file that is no CSV at all is not.
  if (csv !== undefined) checks.push(async () => void (await loadAccounts(path.resolve(projectDir, csv), { strict: false })));
  const migrationDir = suite.checks.api?.migrationDir;
  if (migrationDir !== undefined) {
    checks.push(async () => {
      const entries = await readdir(path.resolve(projectDir, migrationDir)).catch(() => []);
      if (!entries.some((name) => /\.(vcf|ics)$/i.test(name))) {
        throw new SignoffError('SUITE_INVALID', `${shown}: checks.api.migrationDir: "${migrationDir}" holds no .vcf or .ics file; nothing would be verified`);
      }
    });
  }
  const brand = suite.gui?.brand;
  if (brand !== undefined) checks.push(async () => void (await loadBrand(path.resolve(projectDir, brand))));
  // A scenario that does not type-check would fail only once the run folder exists.
  for (const task of plan.tasks) if (task.kind === 'load') checks.push(async () => assertTypesValid(task.scenarioFile));
  return checks;
}

function signingChecks(plan: RunPlan): Check[] {
  const signing = plan.config.protocol.signing;
  if (!plan.config.protocol.enabled || signing === undefined || signing === 'demo') return [];
  const at = `${configShown(plan)}: protocol.signing`;
  return [
    async () => {
      const file = path.resolve(plan.projectDir, signing.p12File);
      const p12 = await readFile(file).catch((cause: unknown) => {
        throw new SignoffError('CONFIG_INVALID', `${at}.p12File: cannot read ${file}`, { cause });
      });
      const source = { env: signing.passphraseEnv, file: signing.passphraseFile };
      const passphrase = await resolveSecret(source, { at: `${at}.passphrase`, what: 'the p12 passphrase', baseDir: plan.projectDir });
      try {
        openP12(p12, passphrase.reveal(), new Date());
      } catch (cause) {
        throw new SignoffError('CONFIG_INVALID', `${at}: ${(cause as Error).message}`, { cause });
      }
    },
  ];
}

/** Runs every input check; all problems are reported together. */
export async function preflightInputs(plan: RunPlan, options: { protocol: boolean }): Promise<void> {
  const checks = [...targetChecks(plan), ...suiteChecks(plan), ...(options.protocol ? signingChecks(plan) : [])];
  const problems: SignoffError[] = [];
  for (const check of checks) {
    try {
      await check();
    } catch (error) {
      if (!(error instanceof SignoffError)) throw error;
      problems.push(error);
    }
  }
  const [first] = problems;
  if (!first) return;
  // Usage, whatever the reader said: nothing ran, the input is what is wrong.
  throw new SignoffError(first.exitCode === 2 ? first.code : 'CONFIG_INVALID', problems.map((p) => p.message).join('\n'), { cause: first });
}
