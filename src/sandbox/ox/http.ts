/** Request body reading: JSON/text PUT bodies, form POST bodies and multipart uploads (busboy). */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { OxError } from './envelope.ts';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Uploads in the sandbox are small; refuse anything absurd instead of buffering it. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new OxError('SVL-0020', ['request body too large']);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\//i.test(req.headers['content-type'] ?? '');
}

export function isForm(req: IncomingMessage): boolean {
  return /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
}

export async function readMultipart(req: IncomingMessage): Promise<{ fields: Map<string, string>; files: UploadedFile[] }> {
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY_BYTES } });
    } catch (cause) {
      reject(new OxError('SVL-0020', [(cause as Error).message]));
      return;
    }
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => files.push({ field, filename: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    parser.on('close', () => resolve());
    parser.on('error', (cause) => reject(new OxError('SVL-0020', [(cause as Error).message])));
    req.pipe(parser);
  });
  return { fields, files };
}

export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new OxError('SVL-0029', [], { cause });
  }
}
