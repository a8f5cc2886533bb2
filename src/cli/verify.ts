/** `signoff verify <run-folder | pdf> [--ca file]`: 0 valid, 1 invalid (naming what changed), 2 usage. */
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT, SignoffError } from '../errors.ts';
import { verifyRun, type VerifyResult } from '../sign/verify.ts';

export function renderVerifyResult(r: VerifyResult): string {
  const lines = [`signoff verify: ${r.pdf}`];
  if (r.signer) {
    lines.push(`  signer: ${r.signer.subject}`, `  signed: ${r.signer.signingTime ?? 'unknown'} (certificate valid ${r.signer.validFrom} – ${r.signer.validTo})`);
    if (r.signer.trusted !== null) lines.push(`  trust anchor: ${r.signer.trusted ? 'issued by the given CA' : 'NOT issued by the given CA'}`);
  }
  lines.push(`  files checked against the signed manifest: ${r.filesChecked}`);
  for (const p of r.problems) lines.push(`  INVALID: ${p}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  lines.push(r.ok ? 'VALID: the protocol and every file of the run are unchanged since signing' : 'INVALID');
  return `${lines.join('\n')}\n`;
}

export async function runVerify(target: string, options: { ca?: string; json?: boolean }, out: { write(s: string): unknown } = process.stdout): Promise<number> {
  const info = await stat(target).catch((cause: unknown) => {
    throw new SignoffError('USAGE', `${target}: no such run folder or PDF`, { cause });
  });
  if (info.isDirectory()) {
    await stat(path.join(target, 'protocol.pdf')).catch((cause: unknown) => {
      throw new SignoffError('USAGE', `${target}: the run folder holds no protocol.pdf (it was run with --no-protocol, or rendering failed): render it with \`signoff sign\``, { cause });
    });
  }
  let trustAnchorCa: string | undefined;
  if (options.ca !== undefined) {
    trustAnchorCa = await readFile(options.ca, 'utf8').catch((cause: unknown) => {
      throw new SignoffError('USAGE', `--ca ${options.ca}: cannot read the CA certificate`, { cause });
    });
    try {
      new X509Certificate(trustAnchorCa);
    } catch (cause) {
      throw new SignoffError('USAGE', `--ca ${options.ca}: not a PEM certificate`, { cause });
    }
  }
  const result = await verifyRun(target, trustAnchorCa === undefined ? {} : { trustAnchorCa });
  out.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderVerifyResult(result));
  return result.ok ? EXIT.ok : EXIT.acceptanceFailed;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check a signed protocol: the PDF signature and every file of the run folder against the signed manifest')
    .argument('<run-folder|pdf>', 'a run folder (with protocol.pdf) or a protocol PDF inside one')
    .option('--ca <file>', 'PEM certificate of the CA the signer must be issued by')
    .option('--json', 'print the result as JSON')
    .action(async (target: string, options: { ca?: string; json?: boolean }) => {
      process.exitCode = await runVerify(target, options);
    });
}
