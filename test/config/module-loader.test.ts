import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDefault } from '../../src/config/module-loader.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';

describe('loading a config or suite module', () => {
  it('names file:line:col of a syntax error', async () => {
    const file = path.join(tempDir('module'), 'signoff.config.ts');
    writeFileSync(file, 'export default {\n  targets: { a: 1 },\n}) ;\n');
    await expect(importDefault(file, 'CONFIG_INVALID')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/signoff\.config\.ts:3:2: cannot load the module/) });
  });

  it('names file:line:col where the module threw while it ran', async () => {
    const file = path.join(tempDir('module'), 'suite.ts');
    writeFileSync(file, 'const x: number = 1;\nthrow new Error("no suite today");\nexport default x;\n');
    await expect(importDefault(file, 'SUITE_INVALID')).rejects.toMatchObject({ code: 'SUITE_INVALID', message: expect.stringMatching(/suite\.ts:2:\d+: cannot load the module: no suite today/) });
  });
});
