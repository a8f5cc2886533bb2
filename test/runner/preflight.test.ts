import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.ts';
import { SignoffError } from '../../src/errors.ts';
import { preflightInputs } from '../../src/runner/preflight.ts';
import { ensureDemoKey } from '../../src/sign/demo-key.ts';
import { tempProject } from '../config/temp-project.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';
import { signoff } from '../support/cli.ts';

const ACCOUNTS = 'contextid,username,displayname,givenname,surname,email\n1,anton,Anton A,Anton,A,anton@example.test\n';
const SUITE = `export default { name: 'n', title: 'N', requirements: [{ id: 'REQ-API-01', title: 'API' }], checks: { api: { requirementIds: ['REQ-API-01'] } } };\n`;

async function problemOf(target: string, extra: Record<string, string> = {}, config = ''): Promise<SignoffError> {
  const dir = tempProject({ 'accounts.csv': ACCOUNTS, 'suites/s.ts': SUITE, 'signoff.config.ts': `export default { defaultTarget: 'prod', targets: { prod: ${target} }${config} };\n`, ...extra });
  mkdirSync(path.join(dir, 'fixtures/migration'), { recursive: true });
  writeFileSync(path.join(dir, 'fixtures/migration/a.vcf'), 'BEGIN:VCARD\nEND:VCARD\n');
  const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/s.ts') });
  const error = await preflightInputs(plan, { protocol: true }).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof SignoffError)) throw new Error(`expected a SignoffError, got ${String(error)}`);
  return error;
}

const IMAP = `imap: { host: '127.0.0.1', port: 9, tls: 'starttls' }`;

describe('preflight of the run inputs', () => {
  it('refuses an unset accounts.passwordEnv and a missing passwordFile, naming the config path, exit 2', async () => {
    const unset = await problemOf(`{ baseUrl: 'https://ox.example.test', ${IMAP}, accounts: { file: 'accounts.csv', passwordEnv: 'SIGNOFF_TEST_NEVER_SET' } }`);
    expect(unset).toMatchObject({ exitCode: 2, message: expect.stringContaining('accounts.passwordEnv: the environment variable SIGNOFF_TEST_NEVER_SET is not set') });
    const missing = await problemOf(`{ baseUrl: 'https://ox.example.test', ${IMAP}, accounts: { file: 'accounts.csv', passwordFile: 'nope.txt' } }`);
    expect(missing).toMatchObject({ exitCode: 2, message: expect.stringContaining('accounts.passwordFile: cannot read') });
  });

  it('refuses a caFile that is missing or not a PEM certificate', async () => {
    const target = (ca: string) => `{ baseUrl: 'https://ox.example.test', caFile: '${ca}', ${IMAP}, accounts: { file: 'accounts.csv', passwordEnv: 'HOME' } }`;
    expect(await problemOf(target('ca.pem'))).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('targets.prod.caFile: cannot read') });
    expect(await problemOf(target('ca.pem'), { 'ca.pem': 'hello' })).toMatchObject({ message: expect.stringContaining('is not a PEM certificate') });
  });

  it('refuses a signing key whose passphrase is wrong before anything runs', async () => {
    const keyDir = tempDir('keys');
    const key = await ensureDemoKey(keyDir);
    const target = `{ baseUrl: 'https://ox.example.test', ${IMAP}, accounts: { file: 'accounts.csv', passwordEnv: 'HOME' } }`;
    const error = await problemOf(target, { 'pass.txt': 'wrong\n' }, `, protocol: { signing: { p12File: '${key.p12Path}', passphraseFile: 'pass.txt' } }`);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('protocol.signing: cannot open the PKCS#12 key store') });
  });

  it('makes the real CLI exit 2 without creating a run folder', async () => {
    const dir = tempProject({ 'accounts.csv': ACCOUNTS, 'suites/s.ts': SUITE, 'fixtures/migration/a.vcf': 'BEGIN:VCARD\nEND:VCARD\n', 'signoff.config.ts': `export default { defaultTarget: 'prod', targets: { prod: { baseUrl: 'https://127.0.0.1:9', ${IMAP}, accounts: { file: 'accounts.csv', passwordEnv: 'SIGNOFF_TEST_NEVER_SET' } } } };\n` });
    const out = path.join(dir, 'runs');
    mkdirSync(out);
    const r = await signoff(['run', path.join(dir, 'suites/s.ts'), '--config', path.join(dir, 'signoff.config.ts'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SIGNOFF_TEST_NEVER_SET is not set');
    expect(readdirSync(out)).toEqual([]);
  });
});
