/**
 * The run folder is built as `runs/.<id>.partial/` and renamed to `runs/<id>/`
 * when the run ends (also after a failure or an interrupt), so a folder
 * without the dot is always complete and a reader never sees half a run.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Artifact } from '../model/types.ts';

export interface RunFolder {
  runId: string;
  /** Where the run writes while it goes on. */
  partialDir: string;
  /** Where the finished run is. */
  finalDir: string;
}

export async function createRunFolder(outDir: string, runId: string): Promise<RunFolder> {
  const root = path.resolve(outDir);
  const partialDir = path.join(root, `.${runId}.partial`);
  await mkdir(partialDir, { recursive: true });
  return { runId, partialDir, finalDir: path.join(root, runId) };
}

export async function writeRunFile(folder: RunFolder, relativePath: string, content: string | Uint8Array): Promise<void> {
  const file = path.join(folder.partialDir, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

export async function finalizeRunFolder(folder: RunFolder): Promise<string> {
  await rename(folder.partialDir, folder.finalDir);
  return folder.finalDir;
}

/** Every file below the folder: absolute path and the path relative to it ("/" separators). */
export async function filesOf(dir: string): Promise<{ absolute: string; relative: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => {
      const absolute = path.join(e.parentPath, e.name);
      return { absolute, relative: path.relative(dir, absolute).split(path.sep).join('/') };
    });
}

/** sha256 and size of every file in the folder, sorted by path ("/" separators). */
export async function hashArtifacts(dir: string): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const { absolute, relative } of await filesOf(dir)) {
    const bytes = await readFile(absolute);
    artifacts.push({
      path: relative,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    });
  }
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
