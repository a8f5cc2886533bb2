/**
 * The artifact manifest: report.json and every other file of the run folder
 * with its SHA-256 and size. It is embedded into the protocol PDF before
 * signing, so the signature covers every byte of the run; verify recomputes it.
 * The protocol PDF and manifest.json itself are excluded (they carry it).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../model/canonical.ts';
import type { Artifact } from '../model/types.ts';

export const MANIFEST_FILE = 'manifest.json';
export const PROTOCOL_PDF = 'protocol.pdf';
export const MANIFEST_FORMAT = 'signoff-manifest/1';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  runId: string;
  files: Artifact[];
}

const NOT_IN_MANIFEST = new Set([PROTOCOL_PDF, MANIFEST_FILE]);

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function buildManifest(runDir: string, runId: string): Promise<Manifest> {
  const entries = await readdir(runDir, { recursive: true, withFileTypes: true });
  const files: Artifact[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const relative = path.relative(runDir, absolute).split(path.sep).join('/');
    if (NOT_IN_MANIFEST.has(relative)) continue;
    const bytes = await readFile(absolute);
    files.push({ path: relative, sha256: sha256Hex(bytes), bytes: bytes.length });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { format: MANIFEST_FORMAT, runId, files };
}

export function manifestJson(manifest: Manifest): string {
  return canonicalJson(manifest);
}

export function parseManifest(text: string): Manifest {
  const value = JSON.parse(text) as Partial<Manifest>;
  if (value.format !== MANIFEST_FORMAT || !Array.isArray(value.files) || typeof value.runId !== 'string') {
    throw new Error(`not a ${MANIFEST_FORMAT} manifest`);
  }
  return value as Manifest;
}
