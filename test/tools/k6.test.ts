import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SignoffError } from '../../src/errors.ts';
import { resolveK6 } from '../../src/tools/k6.ts';
import { K6_VERSION } from '../../src/tools/registry.ts';

describe('resolveK6', () => {
  it('returns the pinned k6 built by the bootstrap', async () => {
    const k6 = await resolveK6();
    expect(k6.version).toBe(K6_VERSION);
    expect(path.basename(k6.path)).toBe('k6');
  });

  it('throws K6_NOT_FOUND naming the install command when k6 is nowhere', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'signoff-k6-'));
    try {
      const error = await resolveK6({ env: { SIGNOFF_TOOLS_DIR: empty, PATH: empty } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignoffError);
      expect(error).toMatchObject({ code: 'K6_NOT_FOUND', exitCode: 3 });
      expect((error as SignoffError).hint).toContain('npm run bootstrap');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
