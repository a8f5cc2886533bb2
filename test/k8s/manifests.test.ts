/**
 * The manifests `signoff k8s` writes are valid against the k6-operator's own
 * TestRun CRD schema (copied into src/k8s with provenance); the validator
 * accepts the operator's sample, and rejects broken manifests.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseSlo } from '../../src/config/load.ts';
import { buildManifests } from '../../src/k8s/manifests.ts';
import { validateTestRun } from '../../src/k8s/validate.ts';
import { K8S_META_FILE, writeK8s } from '../../src/k8s/write.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-k8s-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const input = {
  name: 'approval-webmail',
  namespace: 'loadtest',
  parallelism: 4,
  scriptFile: 'webmail-user.js',
  script: 'export default function () {}\n',
  baseUrl: 'https://ox.example.com',
  accountsSecret: 'signoff-accounts',
  caSecret: 'ox-ca',
  image: 'grafana/k6:2.2.0',
  resources: { cpu: '1', memory: '1Gi', memoryLimit: '2Gi' },
  resultsStorage: '5Gi',
};

async function sample(file: string): Promise<unknown> {
  return parseAllDocuments(await readFile(join(FIXTURES, file), 'utf8'))[0]!.toJSON();
}

describe('TestRun validation against the CRD schema', () => {
  it('accepts the operator sample with a ConfigMap script', async () => {
    expect(validateTestRun(await sample('sample-testrun.yaml'))).toEqual([]);
  });

  it('rejects the operator sample "with output" because its script is a bare string where the CRD wants an object', async () => {
    // The upstream sample predates the current CRD (script became {configMap|volumeClaim|localFile}).
    expect(validateTestRun(await sample('sample-testrun-with-output.yaml'))).toEqual([{ path: '/spec/script', message: 'must be object' }]);
  });

  it('rejects a manifest with a wrong type, a missing parallelism and a foreign kind', () => {
    const broken = { apiVersion: 'k6.io/v1alpha1', kind: 'Job', spec: { script: { configMap: { file: 'x.js' } }, separate: 'yes' } };
    const problems = validateTestRun(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/spec', message: "must have required property 'parallelism'" },
        { path: '/spec/script/configMap', message: "must have required property 'name'" },
        { path: '/spec/separate', message: 'must be boolean' },
        { path: '/kind', message: 'must be TestRun' },
      ]),
    );
  });

  it('accepts the TestRun signoff builds, which references the account Secret by name only', () => {
    const { testRun } = buildManifests(input);
    expect(validateTestRun(testRun)).toEqual([]);
    const spec = (testRun as { spec: Record<string, unknown> }).spec;
    expect(spec.parallelism).toBe(4);
    expect(spec.arguments).toBe('--out json=/results/approval-webmail-$(SIGNOFF_RUNNER).json.gz --no-usage-report');
    expect(JSON.stringify(testRun)).toContain('"secretName":"signoff-accounts"');
    expect(JSON.stringify(testRun)).not.toMatch(/password/i);
  });

  it('hands the runners the client settings a local run gets (UI, retry cap, autologin)', () => {
    const { testRun } = buildManifests({ ...input, clientEnv: { SIGNOFF_UI: '8', SIGNOFF_RETRY_CAP: '3', SIGNOFF_AUTOLOGIN: 'off' } });
    expect(validateTestRun(testRun)).toEqual([]);
    const env = (testRun as { spec: { runner: { env: { name: string; value?: string }[] } } }).spec.runner.env;
    expect(env).toEqual(expect.arrayContaining([{ name: 'SIGNOFF_UI', value: '8' }, { name: 'SIGNOFF_RETRY_CAP', value: '3' }, { name: 'SIGNOFF_AUTOLOGIN', value: 'off' }]));
  });
});

describe('writeK8s', () => {
  it('writes ConfigMap, results claim, TestRun, collector and the merge metadata for a compiled scenario', async () => {
    const slo = parseSlo('mail.all p95 < 500ms');
    if (!slo.ok) throw new Error(slo.message);
    const out = join(dir, 'k8s');
    const written = await writeK8s({ ...input, scenarioFile: 'webmail-user', profileName: 'load', profile: { kind: 'load', vus: 200, duration: '10m' }, slos: [slo.slo], outDir: out });
    expect(written.files.map((f) => f.slice(out.length + 1))).toEqual(['configmap.yaml', 'results-pvc.yaml', 'testrun.yaml', 'collector.yaml', K8S_META_FILE]);

    const testRun = parse(await readFile(join(out, 'testrun.yaml'), 'utf8')) as unknown;
    expect(validateTestRun(testRun)).toEqual([]);
    const configMap = parse(await readFile(join(out, 'configmap.yaml'), 'utf8')) as { data: Record<string, string> };
    expect(Object.keys(configMap.data)).toEqual(['webmail-user.js']);
    expect(configMap.data['webmail-user.js']).toContain('"executor": "ramping-vus"');
    expect(configMap.data['webmail-user.js']).not.toContain('sourceMappingURL');
    const meta = JSON.parse(await readFile(join(out, K8S_META_FILE), 'utf8')) as { scenario: string; slos: string[]; parallelism: number };
    expect(meta).toMatchObject({ scenario: 'webmail-user', slos: ['mail.all p95 < 500ms'], parallelism: 4 });
  });
});
