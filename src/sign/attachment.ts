/** The manifest as a PDF embedded file (pdf-lib), written before signing and read back by verify. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { MANIFEST_FILE } from './manifest.ts';

export async function attachManifest(doc: PDFDocument, json: string, date: Date): Promise<void> {
  await doc.attach(Buffer.from(json, 'utf8'), MANIFEST_FILE, {
    mimeType: 'application/json',
    description: 'signoff artifact manifest: SHA-256 of report.json and every file of the run',
    creationDate: date,
    modificationDate: date,
  });
}

function text(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** The embedded file called manifest.json, or null when the PDF carries none. */
export function readAttachedManifest(doc: PDFDocument): string | null {
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const embedded = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const list = embedded?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (!list) return null;
  for (let i = 0; i + 1 < list.size(); i += 2) {
    if (text(list.lookup(i)) !== MANIFEST_FILE) continue;
    const spec = list.lookup(i + 1, PDFDict);
    const ef = spec.lookup(PDFName.of('EF'), PDFDict);
    const stream = ef.lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) return null;
    return Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  }
  return null;
}
