/**
 * `signoff verify`: is this the protocol that was signed, and is the run
 * folder unchanged since? Checks the PDF signature (integrity over the
 * ByteRange, signer, validity, optional trust anchor), then every file named
 * in the manifest embedded in the signed PDF against the run folder.
 */
import { X509Certificate } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { readAttachedManifest } from './attachment.ts';
import { checkPdfSignature, hasSignature } from './cms.ts';
import { DEMO_SUBJECT_CN } from './demo-key.ts';
import { MANIFEST_FILE, parseManifest, PROTOCOL_PDF, sha256Hex, type Manifest } from './manifest.ts';

export interface VerifyOptions {
  /** PEM file content of a CA the signer certificate must chain to (directly). */
  trustAnchorCa?: string;
}

export interface SignerInfo {
  subject: string;
  validFrom: string;
  validTo: string;
  signingTime: string | null;
  demo: boolean;
  trusted: boolean | null;
}

export interface VerifyResult {
  ok: boolean;
  pdf: string;
  runDir: string;
  signer: SignerInfo | null;
  /** Everything that makes the run invalid, each naming what changed. */
  problems: string[];
  /** Worth knowing, not a failure: files added after signing, an untrusted signer. */
  notes: string[];
  filesChecked: number;
}

function commonName(subject: string): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1] ?? subject;
}

function checkTrust(signer: X509Certificate, caPem: string): boolean {
  const ca = new X509Certificate(caPem);
  if (signer.fingerprint256 === ca.fingerprint256) return true;
  return signer.checkIssued(ca) && signer.verify(ca.publicKey);
}

async function listFiles(runDir: string): Promise<string[]> {
  const entries = await readdir(runDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(runDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

async function checkFiles(runDir: string, manifest: Manifest, problems: string[], notes: string[]): Promise<void> {
  for (const file of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(runDir, file.path));
    } catch {
      problems.push(`missing: ${file.path} (listed in the signed manifest)`);
      continue;
    }
    if (bytes.length !== file.bytes || sha256Hex(bytes) !== file.sha256) problems.push(`changed: ${file.path} (SHA-256 differs from the signed manifest)`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const extra of await listFiles(runDir)) {
    if (!listed.has(extra) && extra !== PROTOCOL_PDF && extra !== MANIFEST_FILE && !extra.endsWith('.pdf')) notes.push(`not covered by the signature (added after signing): ${extra}`);
  }
}

export async function verifyRun(target: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const isDir = (await stat(target)).isDirectory();
  const pdfPath = isDir ? path.join(target, PROTOCOL_PDF) : target;
  const runDir = isDir ? target : path.dirname(target);
  const result: VerifyResult = { ok: false, pdf: pdfPath, runDir, signer: null, problems: [], notes: [], filesChecked: 0 };
  const pdf = await readFile(pdfPath);
  if (!hasSignature(pdf)) {
    // A cut-off file loses its signature dictionary too: say damaged, not merely unsigned.
    const complete = pdf.subarray(Math.max(0, pdf.length - 1024)).includes('%%EOF');
    result.problems.push(complete ? `${path.basename(pdfPath)} is not signed (UNSIGNED protocol)` : `${path.basename(pdfPath)} is damaged: the file is truncated (no %%EOF at its end)`);
    return result;
  }
  let signature;
  try {
    signature = checkPdfSignature(pdf);
  } catch (cause) {
    result.problems.push(`PDF modified after signing: the signature cannot be read (${(cause as Error).message})`);
    return result;
  }
  result.problems.push(...signature.problems);
  const { signer } = signature;
  const when = signature.signingTime ?? new Date();
  const validFrom = new Date(signer.validFrom);
  const validTo = new Date(signer.validTo);
  if (when < validFrom || when > validTo) result.problems.push(`the signer certificate was not valid at signing time ${when.toISOString()} (valid ${validFrom.toISOString()} – ${validTo.toISOString()})`);
  const demo = commonName(signer.subject) === DEMO_SUBJECT_CN;
  let trusted: boolean | null = null;
  if (options.trustAnchorCa !== undefined) {
    trusted = checkTrust(signer, options.trustAnchorCa);
    if (!trusted) result.problems.push(`the signer "${commonName(signer.subject)}" is not issued by the given trust anchor (--ca)`);
  } else {
    result.notes.push('no trust anchor given (--ca): the signer certificate was not checked against a CA');
  }
  if (demo) result.notes.push('signed with the demo key: demo signature — not for sign-off');
  result.signer = {
    subject: signer.subject.replace(/\n/g, ', '),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    signingTime: signature.signingTime?.toISOString() ?? null,
    demo,
    trusted,
  };

  let manifestText: string | null = null;
  try {
    // Read from the signed revision only: what follows the ByteRange is not covered.
    const signedEnd = (signature.byteRange[2] ?? 0) + (signature.byteRange[3] ?? 0);
    manifestText = readAttachedManifest(await PDFDocument.load(pdf.subarray(0, signedEnd), { updateMetadata: false }));
  } catch (cause) {
    result.problems.push(`PDF modified after signing: it cannot be parsed (${(cause as Error).message})`);
  }
  if (manifestText === null) {
    if (result.problems.length === 0) result.problems.push('the signed PDF carries no embedded manifest.json: the run folder cannot be checked');
  } else {
    const manifest = parseManifest(manifestText);
    await checkFiles(runDir, manifest, result.problems, result.notes);
    result.filesChecked = manifest.files.length;
    const onDisk = await readFile(path.join(runDir, MANIFEST_FILE), 'utf8').catch(() => null);
    if (onDisk !== null && onDisk !== manifestText) result.problems.push(`changed: ${MANIFEST_FILE} (differs from the manifest embedded in the signed PDF)`);
  }
  result.ok = result.problems.length === 0;
  return result;
}
