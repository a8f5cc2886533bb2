import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderProtocolForRun } from '../../src/report/render-run.ts';
import { DEMO_CA_FILE, DEMO_P12_FILE, DEMO_PASSPHRASE } from '../../src/sign/demo-key.ts';
import { signPdf } from '../../src/sign/sign.ts';
import { verifyRun } from '../../src/sign/verify.ts';
import { copyRun, signedRun, tempDir } from '../fixtures/reports/run-folder.ts';
import { screenshotPath, writeRunFolder } from '../fixtures/reports/synthetic.ts';

let run: { dir: string; keyDir: string };

beforeAll(async () => {
  run = await signedRun();
});

function flipByte(file: string, at: (bytes: Buffer) => number): void {
  const bytes = readFileSync(file);
  const i = at(bytes);
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
}

function pdfsig(file: string): string {
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe('signing and verifying a run', () => {
  it('writes a PAdES signature that pdfsig reports as valid', () => {
    const out = pdfsig(path.join(run.dir, 'protocol.pdf'));
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('signoff demo signature — not for sign-off');
    expect(out).toContain('Total document signed');
  });

  it('embeds manifest.json in the signed PDF and marks the demo signature in the text', () => {
    expect(execFileSync('pdfdetach', ['-list', path.join(run.dir, 'protocol.pdf')], { encoding: 'utf8' })).toContain('manifest.json');
    expect(execFileSync('pdftotext', [path.join(run.dir, 'protocol.pdf'), '-'], { encoding: 'utf8' })).toContain('demo signature — not for sign-off');
  });

  it('verifies an untouched run, and against the demo certificate as trust anchor', async () => {
    const result = await verifyRun(run.dir);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.signer?.demo).toBe(true);
    expect(result.filesChecked).toBeGreaterThan(15);
    const anchored = await verifyRun(path.join(run.dir, 'protocol.pdf'), { trustAnchorCa: readFileSync(path.join(run.keyDir, DEMO_CA_FILE), 'utf8') });
    expect(anchored.ok).toBe(true);
    expect(anchored.signer?.trusted).toBe(true);
  });

  it('rejects a signer not issued by the given trust anchor', async () => {
    const keys = forge.pki.rsa.generateKeyPair({ bits: 1024 });
    const ca = forge.pki.createCertificate();
    ca.publicKey = keys.publicKey;
    ca.serialNumber = '05';
    ca.validity.notAfter = new Date(Date.now() + 86_400_000);
    ca.setSubject([{ name: 'commonName', value: 'Other CA' }]);
    ca.setIssuer([{ name: 'commonName', value: 'Other CA' }]);
    ca.sign(keys.privateKey, forge.md.sha256.create());
    const result = await verifyRun(run.dir, { trustAnchorCa: forge.pki.certificateToPem(ca) });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain('not issued by the given trust anchor');
  });

  it('detects a flipped byte inside the signed range of the PDF', async () => {
    const dir = copyRun(run.dir);
    flipByte(path.join(dir, 'protocol.pdf'), (b) => Math.floor(b.indexOf('/ByteRange') / 2));
    const result = await verifyRun(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain('PDF modified after signing');
    expect(pdfsig(path.join(dir, 'protocol.pdf'))).not.toContain('Signature is Valid');
  });

  it('detects bytes appended to the signed PDF', async () => {
    const dir = copyRun(run.dir);
    const file = path.join(dir, 'protocol.pdf');
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('\n% appended\n')]));
    const result = await verifyRun(dir);
    expect(result.problems.join('\n')).toContain('PDF modified after signing');
  });

  for (const [kind, file] of [
    ['report.json', 'report.json'],
    ['a screenshot', screenshotPath(2)],
    ['junit.xml', 'junit.xml'],
    ['a branding diff image', screenshotPath(9)],
  ] as const) {
    it(`names ${kind} when one byte of it changed`, async () => {
      const dir = copyRun(run.dir);
      flipByte(path.join(dir, file), (b) => b.length - 2);
      const result = await verifyRun(dir);
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([`changed: ${file} (SHA-256 differs from the signed manifest)`]);
    });
  }

  it('names a missing artifact', async () => {
    const dir = copyRun(run.dir);
    rmSync(path.join(dir, 'k6.log'));
    const result = await verifyRun(dir);
    expect(result.problems).toEqual(['missing: k6.log (listed in the signed manifest)']);
  });

  it('reports an unsigned protocol as not valid', async () => {
    const dir = tempDir('unsigned');
    await writeRunFolder(dir);
    const result = await renderProtocolForRun(dir, {});
    expect(result.signature).toBe('unsigned');
    expect(execFileSync('pdftotext', [path.join(dir, 'protocol.pdf'), '-'], { encoding: 'utf8' })).toContain('UNSIGNED');
    const verified = await verifyRun(dir);
    expect(verified.ok).toBe(false);
    expect(verified.problems[0]).toContain('not signed');
  });

  it('with a wrong passphrase, returns a clear error and still writes the unsigned protocol', async () => {
    const dir = tempDir('wrongpw');
    await writeRunFolder(dir);
    const result = await renderProtocolForRun(dir, { signing: { kind: 'p12', p12File: path.join(run.keyDir, DEMO_P12_FILE), passphrase: 'wrong' } });
    expect(result.signature).toBe('unsigned');
    expect(result.signError?.message).toMatch(/cannot open the PKCS#12 key store.*wrong passphrase/);
    expect(execFileSync('pdftotext', [path.join(dir, 'protocol.pdf'), '-'], { encoding: 'utf8' })).toContain('UNSIGNED');
  });

  it('signs a plain PDF whose signer has a non-ASCII (UTF8String) issuer so that pdfsig validates it', async () => {
    const pdf = readFileSync(path.join(run.dir, 'protocol.pdf'));
    const unsigned = pdf.subarray(0, pdf.indexOf('%%EOF') + 5); // any PDF will do; the first revision is one
    const signed = await signPdf(unsigned, { p12: readFileSync(path.join(run.keyDir, DEMO_P12_FILE)), passphrase: DEMO_PASSPHRASE });
    const file = path.join(tempDir('plain'), 'x.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file)).toContain('Signature is Valid');
  });
});
