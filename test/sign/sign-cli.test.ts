import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPassphrase, runSign } from '../../src/cli/sign.ts';
import { DEMO_P12_FILE, DEMO_PASSPHRASE, ensureDemoKey } from '../../src/sign/demo-key.ts';
import { verifyRun } from '../../src/sign/verify.ts';
import { copyRun, signedRun, tempDir } from '../fixtures/reports/run-folder.ts';
import { writeRunFolder } from '../fixtures/reports/synthetic.ts';
import { signoff } from '../support/cli.ts';

describe('signoff sign', () => {
  it('re-renders a run protocol signed with a p12 whose passphrase comes from a file', async () => {
    const keyDir = tempDir('keys');
    await ensureDemoKey(keyDir);
    const dir = tempDir('run');
    await writeRunFolder(dir);
    const passFile = path.join(keyDir, 'pass');
    writeFileSync(passFile, `${DEMO_PASSPHRASE}\n`);
    const p12 = path.join(keyDir, 'copy.p12');
    copyFileSync(path.join(keyDir, DEMO_P12_FILE), p12);
    const out = { text: '', write(s: string) { this.text += s; } };
    expect(await runSign(path.join(dir, 'protocol.pdf'), { p12, passphraseFile: passFile }, out)).toBe(0);
    expect(out.text).toContain('demo signature — not for sign-off');
    expect(spawnSync('pdfsig', [path.join(dir, 'protocol.pdf')], { encoding: 'utf8' }).stdout).toContain('Signature is Valid');
    expect((await verifyRun(dir)).ok).toBe(true);
  });

  it('takes the passphrase from the environment, never argv, and says which variable is missing', async () => {
    await expect(readPassphrase({ passphraseEnv: 'SIGNOFF_TEST_UNSET_VAR' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('SIGNOFF_TEST_UNSET_VAR') });
    process.env.SIGNOFF_TEST_PASS = 'secret';
    expect(await readPassphrase({ passphraseEnv: 'SIGNOFF_TEST_PASS' })).toBe('secret');
    delete process.env.SIGNOFF_TEST_PASS;
    await expect(readPassphrase({ passphraseEnv: 'A', passphraseFile: 'b' })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('fails with a clear error for a wrong passphrase and writes no protocol', async () => {
    const keyDir = tempDir('keys');
    const key = await ensureDemoKey(keyDir);
    const dir = tempDir('run');
    await writeRunFolder(dir);
    process.env.SIGNOFF_TEST_WRONG = 'nope';
    const error = await runSign(path.join(dir, 'protocol.pdf'), { p12: key.p12Path, passphraseEnv: 'SIGNOFF_TEST_WRONG' }).catch((e: unknown) => e);
    delete process.env.SIGNOFF_TEST_WRONG;
    expect(error).toMatchObject({ message: expect.stringContaining('wrong passphrase') });
    expect(existsSync(path.join(dir, 'protocol.pdf'))).toBe(false);
  });

  it('leaves a signed run untouched when the key cannot sign: same bytes, verify still valid', async () => {
    const signed = await signedRun();
    const dir = copyRun(signed.dir);
    const before = ['protocol.pdf', 'protocol.html', 'manifest.json', 'summary.md'].map((f) => readFileSync(path.join(dir, f)));
    process.env.SIGNOFF_TEST_WRONG = 'nope';
    const error = await runSign(path.join(dir, 'protocol.pdf'), { p12: path.join(signed.keyDir, DEMO_P12_FILE), passphraseEnv: 'SIGNOFF_TEST_WRONG' }).catch((e: unknown) => e);
    delete process.env.SIGNOFF_TEST_WRONG;
    expect(error).toMatchObject({ code: 'SIGN_FAILED', exitCode: 2 });
    const after = ['protocol.pdf', 'protocol.html', 'manifest.json', 'summary.md'].map((f) => readFileSync(path.join(dir, f)));
    expect(after).toEqual(before);
    // The problems, not just ok: a failure here names what verify found.
    expect((await verifyRun(dir)).problems).toEqual([]);
  });

  it('refuses a file that is not a PDF and an --out folder that does not exist, before signing', async () => {
    const keyDir = tempDir('keys');
    const key = await ensureDemoKey(keyDir);
    const notPdf = path.join(keyDir, 'notes.pdf');
    writeFileSync(notPdf, 'hello');
    process.env.SIGNOFF_TEST_PASS = DEMO_PASSPHRASE;
    const options = { p12: key.p12Path, passphraseEnv: 'SIGNOFF_TEST_PASS' };
    await expect(runSign(notPdf, options)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('not a PDF') });
    delete process.env.SIGNOFF_TEST_PASS;
    const r = await signoff(['sign', notPdf, '--p12', key.p12Path, '--out', path.join(keyDir, 'missing', 'x.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
  });
});
