/**
 * renderProtocolForRun(): what the run spine calls at the end of a run, and
 * what re-renders a protocol later. Reads and validates report.json, reads
 * the evidence, renders protocol.html, summary.md and protocol.pdf, builds the
 * manifest of the run folder, embeds it into the PDF and signs it when a key
 * is configured (or the demo key). A key that cannot sign leaves an UNSIGNED
 * protocol behind and is returned as signError, so the run still has one.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import writeFileAtomic from 'write-file-atomic';
import { loadRequirements } from '../config/requirements.ts';
import { SignoffError } from '../errors.ts';
import type { RunReport } from '../model/types.ts';
import { renderProtocolHtml, protocolTitle } from '../../reporters/protocol/index.ts';
import type { CatalogueRequirement, ProjectInfo, Signatory } from '../../reporters/protocol/types.ts';
import { renderMarkdownSummary, SUMMARY_FILE } from '../../reporters/markdown/index.ts';
import { attachManifest } from '../sign/attachment.ts';
import { ensureDemoKey, isDemoSubject } from '../sign/demo-key.ts';
import { buildManifest, MANIFEST_FILE, manifestJson, PROTOCOL_PDF } from '../sign/manifest.ts';
import { openP12 } from '../sign/p12.ts';
import { signPdf } from '../sign/sign.ts';
import { compareWithBaseline, type Tolerances } from './baseline.ts';
import { renderProtocolPdf } from './pdf.ts';
import { readEmbeddedEvidence, readRunReport } from './read-run.ts';

export const PROTOCOL_HTML = 'protocol.html';

export type SigningConfig =
  | { kind: 'p12'; p12File: string; passphrase: string }
  /** The demo key in keyDir (created on first use). */
  | { kind: 'demo'; keyDir: string };

export interface RenderRunOptions {
  requirementsCatalogue?: CatalogueRequirement[];
  /** Read when requirementsCatalogue is not given; errors name file:line. */
  requirementsFile?: string;
  signatories?: Signatory[];
  project?: ProjectInfo;
  signing?: SigningConfig;
  baseline?: RunReport;
  tolerances?: Partial<Tolerances>;
  /** The signing clock (tests). */
  now?: Date;
  /**
   * A key that cannot sign is an error before anything is written (`signoff
   * sign`: a valid signed protocol must not be replaced by an unsigned one).
   */
  requireKey?: boolean;
  /** Aborts the Chromium rendering; nothing has been written by then. */
  signal?: AbortSignal;
}

export interface RenderRunResult {
  report: RunReport;
  signature: 'signed' | 'demo' | 'unsigned';
  signError?: SignoffError;
  files: string[];
}

const DEFAULT_PROJECT: ProjectInfo = { customer: 'Sandbox customer', project: 'Sandbox project', provider: 'Sandbox provider' };

async function loadKey(signing: SigningConfig | undefined, now: Date): Promise<{ p12: Buffer; passphrase: string; demo: boolean } | SignoffError | null> {
  if (!signing) return null;
  try {
    if (signing.kind === 'demo') {
      const key = await ensureDemoKey(signing.keyDir, now);
      return { p12: await readFile(key.p12Path), passphrase: key.passphrase, demo: true };
    }
    const p12 = await readFile(signing.p12File).catch((cause: unknown) => {
      throw new SignoffError('SIGN_FAILED', `cannot read the signing key ${signing.p12File}`, { cause });
    });
    const identity = openP12(p12, signing.passphrase, now);
    // The demo key given as --p12 is still the demo key: mark it so.
    return { p12, passphrase: signing.passphrase, demo: isDemoSubject(identity.subjectCommonName) };
  } catch (error) {
    return error instanceof SignoffError ? error : new SignoffError('INTERNAL', `cannot load the signing key: ${(error as Error).message}`, { cause: error });
  }
}

export async function renderProtocolForRun(runDir: string, options: RenderRunOptions = {}): Promise<RenderRunResult> {
  const now = options.now ?? new Date();
  const report = await readRunReport(runDir);
  const catalogue = options.requirementsCatalogue ?? (options.requirementsFile ? await loadRequirements(options.requirementsFile, options.requirementsFile) : []);
  const embedded = await readEmbeddedEvidence(runDir, report);
  const baseline = options.baseline ? compareWithBaseline(report, options.baseline, options.tolerances) : undefined;
  const key = await loadKey(options.signing, now);
  if (options.requireKey && key instanceof SignoffError) throw key;
  let signError = key instanceof SignoffError ? key : undefined;
  const usable = key instanceof SignoffError ? null : key;

  const write = async (signed: boolean, demo: boolean): Promise<Buffer> => {
    const html = renderProtocolHtml(report, {
      requirementsCatalogue: catalogue,
      signatories: options.signatories ?? [],
      project: options.project ?? DEFAULT_PROJECT,
      embedded,
      signature: { signed, demo },
      ...(baseline ? { baseline } : {}),
    });
    // The slow, interruptible step first: an interrupt leaves no half-set of protocol files.
    const pdf = await renderProtocolPdf(html, { title: protocolTitle(report), date: new Date(report.run.finishedAt), ...(options.signal ? { signal: options.signal } : {}) });
    await writeFileAtomic(path.join(runDir, PROTOCOL_HTML), html);
    await writeFileAtomic(path.join(runDir, SUMMARY_FILE), renderMarkdownSummary(report, { requirementsCatalogue: catalogue, ...(baseline ? { baseline } : {}) }));
    return pdf;
  };
  const finish = async (pdf: Buffer, signature: RenderRunResult['signature']): Promise<RenderRunResult> => {
    await writeFileAtomic(path.join(runDir, PROTOCOL_PDF), pdf);
    return { report, signature, ...(signError ? { signError } : {}), files: [PROTOCOL_HTML, SUMMARY_FILE, MANIFEST_FILE, PROTOCOL_PDF] };
  };
  const manifestFor = async (): Promise<string> => {
    const json = manifestJson(await buildManifest(runDir, report.run.id));
    await writeFileAtomic(path.join(runDir, MANIFEST_FILE), json);
    return json;
  };

  if (usable) {
    const pdf = await write(true, usable.demo);
    const json = await manifestFor();
    try {
      const signed = await signPdf(pdf, { p12: usable.p12, passphrase: usable.passphrase, manifestJson: json, manifestDate: new Date(report.run.finishedAt), now });
      return await finish(signed, usable.demo ? 'demo' : 'signed');
    } catch (error) {
      signError = error instanceof SignoffError ? error : new SignoffError('INTERNAL', `signing failed: ${(error as Error).message}`, { cause: error });
    }
  }
  // Unsigned: still with the manifest embedded, so the PDF documents what the run contained.
  const pdf = await write(false, false);
  const json = await manifestFor();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  await attachManifest(doc, json, new Date(report.run.finishedAt));
  return finish(Buffer.from(await doc.save({ useObjectStreams: false })), 'unsigned');
}
