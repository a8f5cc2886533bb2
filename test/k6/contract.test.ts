/**
 * --verify-responses inside the real k6: with the contracts bundled, an answer
 * whose shape breaks the OX spec (mail rows with the wrong column count) is
 * counted as ox_errors{code: CONTRACT} and described in k6's log; well-formed
 * answers are not; without the flag nothing is checked and no schema is bundled.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/load/compile.ts';
import { resolveK6 } from '../../src/tools/k6.ts';
import { oxJson, startFakeOx } from './support/fake-ox.ts';
import type { FakeOx } from './support/fake-ox.ts';
import { pointsOf, runK6 } from './support/k6-run.ts';

const CLIENT = join(import.meta.dirname, '../../src/k6/index.ts');
const SCENARIO = `
import { OxSession, accountForVu, think } from ${JSON.stringify(CLIENT)};
import type { OxCall } from ${JSON.stringify(CLIENT)};
const mailAll: OxCall = { name: 'mail.all', method: 'GET', path: '/mail', query: { action: 'all', folder: 'default0/INBOX', columns: '600,601,607' }, shape: 'json' };
export default function run(): void {
  const s = new OxSession(accountForVu());
  if (!s.login().ok) return;
  s.call(mailAll);
  s.logout();
  think();
}
`;

let dir: string;
let k6: string;
let fake: FakeOx;
let accountsFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-k6-contract-'));
  k6 = (await resolveK6()).path;
  fake = await startFakeOx();
  accountsFile = join(dir, 'accounts.json');
  await writeFile(accountsFile, JSON.stringify([{ login: 'user1@ctx', password: 'secret', email: 'user1@example.com' }]), { mode: 0o600 });
  await writeFile(join(dir, 'scenario.ts'), SCENARIO);
}, 60_000);

afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function runWith(verifyResponses: boolean, rows: unknown[][]) {
  fake.answer = (req) => (req.path === '/mail' ? oxJson({ data: rows }) : undefined);
  const out = join(dir, verifyResponses ? 'on' : 'off');
  const compiled = await compileScenario({ scenarioFile: join(dir, 'scenario.ts'), profileName: 'smoke', profile: { kind: 'smoke', vus: 1, duration: '2s' }, slos: [], outDir: out, verifyResponses });
  const result = await runK6({ k6, script: compiled.scriptPath, baseUrl: fake.url, accountsFile, outFile: join(out, 'samples.json') });
  expect(result.exitCode, result.stderr).toBe(0);
  const violations = pointsOf(result.points, 'ox_errors', { name: 'mail.all', code: 'CONTRACT' }).length;
  return { violations, stderr: result.stderr, script: await readFile(compiled.scriptPath, 'utf8') };
}

describe('--verify-responses in the k6 client', () => {
  it('counts mail rows with the wrong column count as contract violations and says why once', async () => {
    const broken = await runWith(true, [['1', 'default0/INBOX']]);
    expect(broken.violations).toBeGreaterThan(0);
    expect(broken.stderr).toContain('the answer to mail.all breaks its contract');
  }, 60_000);

  it('passes rows of the requested columns', async () => {
    const good = await runWith(true, [['1', 'default0/INBOX', 'Hello']]);
    expect(good.violations).toBe(0);
  }, 60_000);

  it('checks nothing and bundles no schema without the flag', async () => {
    const off = await runWith(false, [['1', 'default0/INBOX']]);
    expect(off.violations).toBe(0);
    expect(off.script).not.toContain('zod');
  }, 60_000);
});
