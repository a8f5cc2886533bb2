import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/tools/project.ts';

const run = promisify(execFile);
const depcruise = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Writes throw-away modules into the tree, cruises them with the project rules, and removes them. */
async function violationsOf(files: Record<string, string>): Promise<Violation[]> {
  // Unique names: a leftover can never collide with, or be mistaken for, real code.
  const tag = `zz-layer-probe-${randomBytes(4).toString('hex')}`;
  const written = Object.entries(files).map(([dir, source]) => ({ file: path.join(dir, `${tag}.ts`), source }));
  try {
    for (const { file, source } of written) await writeFile(path.join(PROJECT_ROOT, file), source);
    const args = ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...written.map((w) => w.file)];
    const { stdout } = await run(depcruise, args, { cwd: PROJECT_ROOT }).catch((error: { stdout: string }) => error);
    return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
  } finally {
    await Promise.all(written.map(({ file }) => rm(path.join(PROJECT_ROOT, file), { force: true })));
  }
}

describe('the import layer check', () => {
  it('fails when code that runs inside k6 imports a Node built-in', async () => {
    const violations = await violationsOf({ 'src/k6': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" });
    expect(violations.map((v) => v.rule.name)).toContain('k6-code-has-no-node-builtins');
  });

  it('fails when a reporter imports the CLI', async () => {
    const violations = await violationsOf({ reporters: "export { main } from '../src/cli/main.ts';\n" });
    expect(violations).toContainEqual(
      expect.objectContaining({ to: 'src/cli/main.ts', rule: expect.objectContaining({ name: 'reporters-read-only-the-model' }) }),
    );
  });

  it('fails when harness code imports the sandbox, except its contract types', async () => {
    const violations = await violationsOf({
      'src/probes': "export { sandboxUp } from '../sandbox/sandbox.ts';\nexport type { SandboxInfo } from '../sandbox/types.ts';\n",
    });
    const sandboxViolations = violations.filter((v) => v.rule.name === 'sandbox-is-a-separate-program');
    expect(sandboxViolations.map((v) => v.to)).toEqual(['src/sandbox/sandbox.ts']);
  });

  it('accepts k6 code that imports k6 modules and its own files', async () => {
    const violations = await violationsOf({
      'src/k6': "import http from 'k6/http';\nimport { check } from 'k6';\nexport const used = [http, check];\n",
    });
    expect(violations).toEqual([]);
  });
});
