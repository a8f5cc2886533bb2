/**
 * The contract runs inside k6: verify.ts bundled with esbuild (as the load
 * compiler bundles scenarios, k6 modules external) executes in the real k6
 * (.tools/bin/k6) and gives the same verdicts as under Node.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const K6 = resolve(import.meta.dirname, '../../.tools/bin/k6');
const VERIFY = resolve(import.meta.dirname, '../../src/contract/verify.ts');
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const ENTRY = `import { verifyResponse } from ${JSON.stringify(VERIFY)};
export const options = { vus: 1, iterations: 1 };
export default function () {
  const verdicts = {
    threaded: verifyResponse('mail.threadedAll', { data: [{ id: '1', folder_id: 'default0/INBOX', thread: [{ id: '1', folder_id: 'default0/INBOX' }] }] }, { columns: '600,601' }).ok,
    brokenRows: verifyResponse('mail.all', { data: [['1']] }, { columns: '600,601' }).ok,
    warnedLogin: verifyResponse('login.login', { session: 's', user: 'u', user_id: 1, error: 'w', code: 'LGI-0031', category: 13 }).ok,
    badEvent: verifyResponse('chronos.all', { data: [{ id: '1', folder: 'cal://0/34', startDate: { value: '2017-07-08' } }] }).ok,
  };
  console.log('VERDICTS ' + JSON.stringify(verdicts));
}
`;

describe('contract in k6', () => {
  it('bundles without Node built-ins and gives the Node verdicts inside k6', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signoff-contract-k6-'));
    dirs.push(dir);
    await writeFile(join(dir, 'entry.js'), ENTRY);
    await build({ entryPoints: [join(dir, 'entry.js')], bundle: true, format: 'esm', platform: 'neutral', mainFields: ['module', 'main'], target: 'es2020', outfile: join(dir, 'bundle.js'), external: ['k6', 'k6/*'], nodePaths: [resolve(import.meta.dirname, '../../node_modules')], logLevel: 'silent' });
    const { stderr, stdout } = await promisify(execFile)(K6, ['run', '--quiet', join(dir, 'bundle.js')], { cwd: dir, timeout: 60_000 });
    const line = `${stdout}${stderr}`.split('\n').find((l) => l.includes('VERDICTS'));
    const json = /VERDICTS (\{.*?\})/.exec((line ?? '').replace(/\\"/g, '"'))?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual({ threaded: true, brokenRows: false, warnedLogin: true, badEvent: false });
  }, 90_000);
});
