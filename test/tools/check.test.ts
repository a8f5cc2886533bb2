import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTool, checkTools } from '../../src/tools/check.ts';
import { DEFAULT_TOOLS_DIR } from '../../src/tools/project.ts';
import { K6_VERSION, toolSpec } from '../../src/tools/registry.ts';

let empty: string;
let fakes: string;

beforeAll(async () => {
  empty = await mkdtemp(path.join(tmpdir(), 'signoff-tools-empty-'));
  fakes = await mkdtemp(path.join(tmpdir(), 'signoff-tools-fakes-'));
  // A k6 of the v1 line, as an old system package would install it.
  await writeFile(path.join(fakes, 'k6'), '#!/bin/sh\necho "k6 v1.8.1 (go1.25.0, linux/amd64)"\n');
  await chmod(path.join(fakes, 'k6'), 0o755);
});

afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
  await rm(fakes, { recursive: true, force: true });
});

describe('checkTools', () => {
  it('finds every required tool of this machine at a fitting version', async () => {
    const reports = await checkTools();
    const problems = reports.filter((r) => r.needed && r.status !== 'ok');
    expect(problems).toEqual([]);
  });

  it('reads the pinned k6 from the project tools folder', async () => {
    const k6 = await checkTool(toolSpec('k6'));
    expect(k6).toMatchObject({ status: 'ok', version: K6_VERSION, path: path.join(DEFAULT_TOOLS_DIR, 'k6') });
  });

  it('reports k6 missing with the bootstrap command when neither the tools folder nor PATH has it', async () => {
    const env = { SIGNOFF_TOOLS_DIR: empty, PATH: `${DEFAULT_TOOLS_DIR}:${empty}` };
    const k6 = await checkTool(toolSpec('k6'), { env });
    expect(k6).toMatchObject({ status: 'missing', path: null, fix: 'npm run bootstrap' });
    expect(k6.detail).toContain(path.join(empty, 'k6'));
  });

  it('reports a k6 of another version as the wrong version', async () => {
    const k6 = await checkTool(toolSpec('k6'), { env: { SIGNOFF_TOOLS_DIR: fakes, PATH: empty } });
    expect(k6).toMatchObject({ status: 'wrong-version', version: '1.8.1', fix: 'npm run bootstrap' });
    expect(k6.detail).toContain(`${K6_VERSION} is needed`);
  });

  it('looks only at a configured path when one is given', async () => {
    const k6 = await checkTool(toolSpec('k6'), { configPaths: { k6: path.join(empty, 'k6') } });
    expect(k6).toMatchObject({ status: 'missing', detail: `not found (looked in ${path.join(empty, 'k6')})` });
  });

  it('reports the Node that runs signoff', async () => {
    const node = await checkTool(toolSpec('node'));
    expect(node).toMatchObject({ status: 'ok', path: process.execPath, version: process.versions.node });
  });
});
