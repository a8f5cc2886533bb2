import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/cli/protocol.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';
import { writeRunFolder } from '../fixtures/reports/synthetic.ts';

describe('--baseline', () => {
  it('reads the JSON file it names, so a corrupt copy beside a good report.json fails instead of being swapped', async () => {
    const dir = tempDir('baseline');
    const report = await writeRunFolder(dir);
    expect((await readBaseline(dir)).run.id).toBe(report.run.id);
    expect((await readBaseline(path.join(dir, 'report.json'))).run.id).toBe(report.run.id);
    const corrupt = path.join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"run": ');
    await expect(readBaseline(corrupt)).rejects.toMatchObject({ code: 'REPORT_INVALID', message: expect.stringContaining('corrupt.json') });
  });
});
