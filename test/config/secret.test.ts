import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveSecret, Secret } from '../../src/config/secret.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';

const VALUE = 'correct horse battery staple';

describe('Secret', () => {
  it('cannot be printed, serialised, interpolated or inspected: only reveal() gives the value', () => {
    const secret = new Secret(VALUE);
    const shown = [String(secret), `${secret}`, JSON.stringify({ secret }), inspect({ secret }), `${[secret].join()}`, 'x' + secret];
    for (const text of shown) expect(text).not.toContain(VALUE);
    expect(secret.reveal()).toBe(VALUE);
  });
});

describe('resolveSecret', () => {
  const context = { at: 'targets.prod.accounts.password', what: "the accounts' shared password", baseDir: tempDir('secret') };

  it('reads an environment variable or the first line of a file', async () => {
    expect((await resolveSecret({ env: 'SIGNOFF_TEST_SECRET' }, { ...context, env: { SIGNOFF_TEST_SECRET: VALUE } })).reveal()).toBe(VALUE);
    writeFileSync(path.join(context.baseDir, 'pw.txt'), `${VALUE}  \nsecond line\n`);
    expect((await resolveSecret({ file: 'pw.txt' }, context)).reveal()).toBe(VALUE);
  });

  it('names the config key and the source when the secret is missing, never a value', async () => {
    await expect(resolveSecret({ env: 'SIGNOFF_TEST_UNSET' }, { ...context, env: {} })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: "targets.prod.accounts.passwordEnv: the environment variable SIGNOFF_TEST_UNSET is not set (it holds the accounts' shared password)",
    });
    await expect(resolveSecret({ file: 'missing.txt' }, context)).rejects.toMatchObject({ message: expect.stringContaining('targets.prod.accounts.passwordFile: cannot read') });
    writeFileSync(path.join(context.baseDir, 'empty.txt'), '\n');
    await expect(resolveSecret({ file: 'empty.txt' }, { ...context, code: 'ACCOUNTS_INVALID' })).rejects.toMatchObject({ code: 'ACCOUNTS_INVALID', message: expect.stringContaining('is empty') });
  });
});
