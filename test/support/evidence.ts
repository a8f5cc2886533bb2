/** Test helpers shared by the probe tests: a run folder and a leak scan of every evidence file. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeRunDir(prefix: string): Promise<{ runDir: string; evidenceDir: string }> {
  const runDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { runDir, evidenceDir: join(runDir, 'evidence') };
}

/** Every file under `dir` whose content contains one of the secrets, with the secret index. */
export async function filesContainingSecrets(dir: string, secrets: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const leaks: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    secrets.forEach((secret, index) => {
      if (text.includes(secret)) leaks.push(`${entry.name} contains secret #${index}`);
    });
  }
  return leaks;
}
