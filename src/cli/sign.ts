/**
 * `signoff sign <pdf> --p12 <file> [--passphrase-env VAR | --passphrase-file F] [--demo]`.
 * A protocol.pdf inside a run folder is re-rendered from report.json with the
 * key (so the page shows the right marking and the manifest is fresh); any
 * other PDF is signed as it is. The passphrase never comes from argv.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { outputFile } from './flag-values.ts';
import writeFileAtomic from 'write-file-atomic';
import { resolveSecret } from '../config/secret.ts';
import { EXIT, SignoffError } from '../errors.ts';
import { renderProtocolForRun, type SigningConfig } from '../report/render-run.ts';
import { openP12 } from '../sign/p12.ts';
import { signPdf } from '../sign/sign.ts';

export const PASSPHRASE_ENV_DEFAULT = 'SIGNOFF_P12_PASSPHRASE';
export const DEMO_KEY_DIR = '.signoff/keys';

interface SignCliOptions {
  p12?: string;
  passphraseEnv?: string;
  passphraseFile?: string;
  demo?: boolean;
  out?: string;
  requirements?: string;
}

export async function readPassphrase(options: SignCliOptions): Promise<string> {
  if (options.passphraseEnv && options.passphraseFile) throw new SignoffError('USAGE', 'give either --passphrase-env or --passphrase-file, not both');
  const source = options.passphraseFile ? { file: options.passphraseFile } : { env: options.passphraseEnv ?? PASSPHRASE_ENV_DEFAULT };
  const passphrase = await resolveSecret(source, { at: '--passphrase', names: { env: '--passphrase-env', file: '--passphrase-file' }, what: 'the p12 passphrase', baseDir: process.cwd(), code: 'USAGE' });
  return passphrase.reveal();
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function runSign(pdf: string, options: SignCliOptions, out: { write(s: string): unknown } = process.stdout): Promise<number> {
  if (!options.p12 && !options.demo) throw new SignoffError('USAGE', 'name the key with --p12 <file> (or --demo for the demo key)');
  const signing: SigningConfig = options.demo
    ? { kind: 'demo', keyDir: path.resolve(DEMO_KEY_DIR) }
    : { kind: 'p12', p12File: options.p12 ?? '', passphrase: await readPassphrase(options) };
  const runDir = path.dirname(path.resolve(pdf));
  if (path.basename(pdf) === 'protocol.pdf' && (await exists(path.join(runDir, 'report.json')))) {
    const requirementsFile = options.requirements ?? ((await exists('fixtures/requirements.csv')) ? 'fixtures/requirements.csv' : undefined);
    const result = await renderProtocolForRun(runDir, { signing, requireKey: true, ...(requirementsFile ? { requirementsFile } : {}) });
    if (result.signError) throw result.signError;
    out.write(`signed ${path.join(runDir, 'protocol.pdf')} (${result.signature === 'demo' ? 'demo signature — not for sign-off' : 'PAdES'})\n`);
    return EXIT.ok;
  }
  if (signing.kind !== 'p12') throw new SignoffError('USAGE', '--demo signs run protocols only (a protocol.pdf beside its report.json)');
  const bytes = await readFile(pdf).catch((cause: unknown) => {
    throw new SignoffError('USAGE', `${pdf}: cannot read the PDF`, { cause });
  });
  const p12 = await readFile(signing.p12File).catch((cause: unknown) => {
    throw new SignoffError('SIGN_FAILED', `${signing.p12File}: cannot read the key store`, { cause });
  });
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new SignoffError('USAGE', `${pdf}: not a PDF file (it does not start with %PDF-)`);
  // The key first: a wrong passphrase must fail before anything is written.
  openP12(p12, signing.passphrase, new Date());
  const target = options.out ?? pdf;
  const signed = await signPdf(bytes, { p12, passphrase: signing.passphrase }).catch((cause: unknown) => {
    if (cause instanceof SignoffError) throw cause;
    throw new SignoffError('USAGE', `${pdf}: the PDF cannot be read (damaged or not a PDF)`, { cause });
  });
  await writeFileAtomic(target, signed);
  out.write(`signed ${target} (PAdES)\n`);
  return EXIT.ok;
}

export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('sign a protocol PDF (PAdES); a run protocol is re-rendered with the signature marking and the run manifest')
    .argument('<pdf>', 'the PDF, normally runs/<id>/protocol.pdf')
    .option('--p12 <file>', 'PKCS#12 key store with the signing key and certificate')
    .option('--passphrase-env <VAR>', `environment variable with the p12 passphrase (default ${PASSPHRASE_ENV_DEFAULT})`)
    .option('--passphrase-file <file>', 'file holding the p12 passphrase')
    .option('--demo', `sign with the demo key (${DEMO_KEY_DIR}, created on first use): demo signature — not for sign-off`)
    .option('--requirements <csv>', 'requirements catalogue for the re-rendered protocol (default fixtures/requirements.csv)')
    .option('--out <file>', 'write the signed PDF here instead of in place (non-run PDFs)', outputFile)
    .action(async (pdf: string, options: SignCliOptions) => {
      process.exitCode = await runSign(pdf, options);
    });
}
