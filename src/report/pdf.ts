/**
 * HTML → PDF with headless Chromium (A4, header with the protocol id, footer
 * with page x/y, PDF outline from the headings; untagged, which keeps the
 * file at a third of the size), then pdf-lib pins the
 * metadata to the report's dates so a re-render does not change with the clock.
 */
import { chromium } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { decode, escape } from 'he';
import { SignoffError } from '../errors.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PdfMeta {
  /** Shown in the header and as the PDF title; defaults to the HTML <title>. */
  title?: string;
  /** The PDF's creation and modification date: the run's end, never "now". */
  date?: Date;
  /** Ctrl-C while Chromium renders: the browser is closed and INTERRUPTED thrown. */
  signal?: AbortSignal;
}

function titleOf(html: string): string {
  const match = /<title>([^<]*)<\/title>/.exec(html);
  return match?.[1] ? decode(match[1]) : 'Test protocol';
}

const headerTemplate = (title: string): string =>
  `<div style="font-size:7pt;width:100%;padding:0 16mm;color:#64748b;font-family:Arial,sans-serif;">${escape(title)}</div>`;
const footerTemplate = (title: string): string =>
  `<div style="font-size:7pt;width:100%;padding:0 16mm;color:#64748b;font-family:Arial,sans-serif;display:flex;justify-content:space-between;"><span>${escape(title)}</span><span>Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;

export async function renderProtocolPdf(html: string, meta: PdfMeta = {}): Promise<Buffer> {
  const title = meta.title ?? titleOf(html);
  const { signal } = meta;
  const interrupted = (cause?: unknown) => new SignoffError('INTERRUPTED', 'interrupted while the protocol PDF was rendered; no protocol was written', { cause });
  if (signal?.aborted) throw interrupted();
  let browser;
  try {
    // Signals are ours to handle: Playwright's own SIGINT handler would exit the process with no report.
    browser = await chromium.launch({ executablePath: process.env.SIGNOFF_CHROMIUM ?? CHROMIUM_PATH, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  } catch (cause) {
    throw new SignoffError('TOOL_MISSING', `cannot start Chromium at ${CHROMIUM_PATH} to render the protocol PDF`, { cause });
  }
  const onAbort = () => void browser.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  let raw: Buffer;
  try {
    const page = await browser.newPage();
    // Self-contained HTML: nothing to fetch, so "load" is enough.
    await page.setContent(html, { waitUntil: 'load' });
    raw = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(title),
      footerTemplate: footerTemplate(title),
      margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
      preferCSSPageSize: true,
      outline: true,
    });
  } catch (cause) {
    throw signal?.aborted ? interrupted(cause) : cause;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await browser.close();
  }
  if (signal?.aborted) throw interrupted();
  const doc = await PDFDocument.load(raw, { updateMetadata: false });
  const date = meta.date ?? new Date(0);
  doc.setTitle(title);
  doc.setCreator('signoff');
  doc.setProducer('signoff (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
