/**
 * Feeds a stream of k6 JSON lines (k6's stdout, a saved `--out json` file, a
 * k6-operator runner's output) into an Ingester, line by line: nothing is
 * buffered beyond readline's chunk.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Ingester, type IngesterOptions } from './ingest.ts';

export interface IngestStreamOptions {
  /** Lines that are not JSON (k6 prints its text summary after the samples on stdout). */
  onTextLine?: (line: string) => void;
}

export function ingestStream(input: Readable, ingester: Ingester, options: IngestStreamOptions = {}): Promise<Ingester> {
  const { onTextLine } = options;
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (onTextLine && line.charCodeAt(0) !== 123 /* { */) onTextLine(line);
      else ingester.line(line);
    });
    input.once('error', reject);
    // readline re-emits its input's errors (a corrupt gzip) on itself: unhandled, they would kill the process.
    lines.once('error', reject);
    lines.once('close', () => resolve(ingester));
  });
}

/** Ingests a saved `--out json=<file>` output (gzipped when it ends in .gz, as k6 writes it). */
export function ingestFile(path: string, options: IngesterOptions = {}): Promise<Ingester> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.once('error', (error) => input.destroy(error));
  return ingestStream(input, new Ingester(options));
}
