import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReporter } from '../../reporters/json.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import { executeRun } from '../../src/runner/execute.ts';
import { scanForSecrets, secretForms } from '../../src/runner/secret-scan.ts';
import { tempProject } from '../config/temp-project.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';

const SECRET = 'Sandbox-01-pw!"x\\';

function planted(content: string | Buffer): string {
  const dir = tempDir('scan');
  mkdirSync(path.join(dir, 'evidence/imap'), { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), '{"clean": true}');
  writeFileSync(path.join(dir, 'evidence/imap/transcript.txt'), content);
  return dir;
}

describe('the secret scan of a run folder', () => {
  it('finds a secret as is, JSON- and IMAP-quoted, URL- and form-encoded, naming file and form but not the secret', async () => {
    // IMAP quoting escapes what JSON escapes here: either name is right.
    const cases: [string, RegExp][] = [
      [`password ${SECRET} seen`, /as is/],
      [JSON.stringify({ password: SECRET }), /JSON-quoted/],
      [`A1 LOGIN anna "${SECRET.replace(/["\\]/g, (c) => `\\${c}`)}"`, /IMAP-quoted|JSON-quoted/],
      [`https://x/?p=${encodeURIComponent(SECRET)}`, /URL-encoded/],
      [`name=anna&${new URLSearchParams({ password: SECRET }).toString()}`, /form-encoded|URL-encoded/],
    ];
    for (const [content, form] of cases) {
      const hits = await scanForSecrets(planted(content), [SECRET]);
      expect(hits, String(form)).toEqual([{ file: 'evidence/imap/transcript.txt', form: expect.stringMatching(form) }]);
      expect(JSON.stringify(hits)).not.toContain('Sandbox-01');
    }
  });

  it('finds a secret inside base64 at any offset, e.g. a Basic auth header', async () => {
    for (const prefix of ['', 'a', 'an', 'anna:', 'metrics:']) {
      const header = `Authorization: Basic ${Buffer.from(`${prefix}${SECRET}:tail`).toString('base64')}`;
      const hits = await scanForSecrets(planted(header), [SECRET]);
      expect(hits.map((h) => h.form), prefix).toEqual([expect.stringMatching(/^base64/)]);
    }
  });

  it('passes a clean folder and ignores values too short to tell apart', async () => {
    expect(await scanForSecrets(planted('nothing to see'), [SECRET])).toEqual([]);
    expect(secretForms('abc')).toEqual([]);
  });
});

describe('a run whose folder holds a secret', () => {
  const ACCOUNTS = 'contextid,username,displayname,givenname,surname,password,email\n1,anna,Anna A,Anna,A,Planted-Secret-77,anna@example.test\n';
  const CONFIG = `export default { targets: { local: { baseUrl: 'http://127.0.0.1:9', accounts: { file: 'accounts.csv' } } }, defaultTarget: 'local' };\n`;
  const suite = (content: string) => `import { writeFile } from 'node:fs/promises';
import path from 'node:path';
export default {
  name: 'mini', title: 'Mini', requirements: ['REQ-API-01'],
  custom: [{ id: 'evidence', title: 'Writes evidence', family: 'api', requirementIds: ['REQ-API-01'], run: async (ctx) => {
    await writeFile(path.join(ctx.runDir, 'answer.txt'), ${JSON.stringify(content)});
    return { criteria: [{ name: 'status', expected: '200', measured: '200', passed: true }], evidence: [{ kind: 'sample', path: 'answer.txt' }] };
  } }],
};
`;

  async function runWith(content: string) {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/mini.ts': suite(content), 'accounts.csv': ACCOUNTS });
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/mini.ts') });
    return executeRun(plan, { outDir: path.join(dir, 'runs'), reporters: [new JsonReporter()] });
  }

  it('ends as an error SECRET_LEAKED naming the file and form, exit 3, and the report does not repeat the secret', async () => {
    const outcome = await runWith(`Authorization: Basic ${Buffer.from('anna:Planted-Secret-77').toString('base64')}\n`);
    expect(outcome.exitCode).toBe(3);
    expect(outcome.report.run).toMatchObject({ status: 'error', error: { code: 'SECRET_LEAKED', message: expect.stringContaining('answer.txt (base64') } });
    expect(JSON.stringify(outcome.report)).not.toContain('Planted-Secret-77');
  });

  it('passes when no file holds a secret', async () => {
    const outcome = await runWith('HTTP/1.1 200 OK\n');
    expect(outcome.report.run.status).toBe('passed');
    expect(outcome.exitCode).toBe(0);
  });
});
