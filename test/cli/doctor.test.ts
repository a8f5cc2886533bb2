import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DoctorResult } from '../../src/cli/doctor.ts';
import { PROJECT_ROOT } from '../../src/tools/project.ts';

const run = promisify(execFile);
const signoff = path.join(PROJECT_ROOT, 'scripts', 'signoff');

async function doctor(env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; result: DoctorResult }> {
  const { stdout, stderr, code } = await run(signoff, ['doctor', '--json'], { env }).then(
    ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => error,
  );
  try {
    return { code, result: JSON.parse(stdout) as DoctorResult };
  } catch {
    throw new Error(`signoff doctor --json exited ${code} without JSON; stderr:\n${stderr}`);
  }
}

describe('signoff doctor', () => {
  it('reports every required tool OK on this machine and exits 0', async () => {
    const { code, result } = await doctor();
    expect(result.tools.filter((t) => t.needed && t.status !== 'ok')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(code).toBe(0);
  });

  it('reports k6 missing with its fix command and exits 3 when the tools folder and PATH are empty', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'signoff-doctor-'));
    try {
      const { code, result } = await doctor({ ...process.env, SIGNOFF_TOOLS_DIR: empty, PATH: `${empty}:/usr/bin:/bin` });
      expect(result.tools.find((t) => t.name === 'k6')).toMatchObject({
        status: 'missing',
        fix: 'npm run bootstrap',
      });
      expect(result.ok).toBe(false);
      expect(code).toBe(3);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
