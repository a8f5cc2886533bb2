/**
 * PAdES signing (SubFilter ETSI.CAdES.detached) with @signpdf: pdf-lib embeds
 * the manifest and adds the signature placeholder in one pass, then the P12
 * signer fills in a detached CMS over the ByteRange. The manifest goes in
 * before the placeholder, so the signature covers it.
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Utf8SafeP12Signer } from './p12-signer.ts';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { attachManifest } from './attachment.ts';
import { openP12, signError } from './p12.ts';

export interface SignOptions {
  p12: Uint8Array;
  passphrase: string;
  /** manifest.json to embed before signing. */
  manifestJson?: string;
  /** Date for the embedded file's metadata (the run's end). */
  manifestDate?: Date;
  reason?: string;
  location?: string;
  /** The signing time; the clock is injectable for tests. */
  now?: Date;
}

// Room for a CMS with a 4096-bit key and a short chain.
const SIGNATURE_LENGTH = 16_384;

export async function signPdf(pdf: Uint8Array, options: SignOptions): Promise<Buffer> {
  const now = options.now ?? new Date();
  const identity = openP12(options.p12, options.passphrase, now);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (options.manifestJson !== undefined) await attachManifest(doc, options.manifestJson, options.manifestDate ?? now);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason ?? 'Acceptance test protocol',
    contactInfo: '',
    name: identity.subjectCommonName,
    location: options.location ?? '',
    signingTime: now,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'signoff',
  });
  // @signpdf finds the placeholder textually: no object streams.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  try {
    return await new SignPdf().sign(prepared, new Utf8SafeP12Signer(options.p12, options.passphrase), now);
  } catch (cause) {
    throw signError(`signing the protocol failed: ${(cause as Error).message}`, cause);
  }
}
