/**
 * A demo signing key, generated with node-forge on first use, so the whole
 * sign/verify path works without a real certificate. Its subject says what it
 * is, and protocols signed with it are marked "demo signature — not for sign-off".
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

export const DEMO_SUBJECT_CN = 'signoff demo signature — not for sign-off';
export const DEMO_P12_FILE = 'demo-signing.p12';
export const DEMO_CA_FILE = 'demo-signing.crt.pem';
/** Not a secret: the demo key proves nothing about anyone. */
export const DEMO_PASSPHRASE = 'signoff-demo';

export interface DemoKey {
  p12Path: string;
  certPath: string;
  passphrase: string;
}

function generate(now: Date): { p12: Buffer; certPem: string } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const attrs = [
    { name: 'commonName', value: DEMO_SUBJECT_CN, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'organizationName', value: 'signoff demo' },
  ];
  cert.setSubject(attrs as forge.pki.CertificateField[]);
  cert.setIssuer(attrs as forge.pki.CertificateField[]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyCertSign: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], DEMO_PASSPHRASE, { algorithm: '3des', friendlyName: 'signoff demo' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), certPem: forge.pki.certificateToPem(cert) };
}

/** The demo key in dir, created (0600) when missing. */
export async function ensureDemoKey(dir: string, now: Date = new Date()): Promise<DemoKey> {
  const p12Path = path.join(dir, DEMO_P12_FILE);
  const certPath = path.join(dir, DEMO_CA_FILE);
  try {
    await readFile(p12Path);
    await readFile(certPath);
  } catch {
    await mkdir(dir, { recursive: true });
    const { p12, certPem } = generate(now);
    await writeFile(p12Path, p12, { mode: 0o600 });
    await writeFile(certPath, certPem);
  }
  return { p12Path, certPath, passphrase: DEMO_PASSPHRASE };
}

export function isDemoSubject(commonName: string): boolean {
  return commonName === DEMO_SUBJECT_CN;
}
