/**
 * `signoff k8s`: compile the scenario, build the manifests, validate the
 * TestRun against the operator's CRD and write everything into one folder,
 * with signoff-k8s.json telling `signoff merge` what the run was (scenario,
 * profile, SLOs) so the merged result carries them.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import type { LoadProfile, Slo } from '../config/load.ts';
import { SignoffError } from '../errors.ts';
import { compileScenario } from '../load/compile.ts';
import { buildManifests, type K8sManifestInput } from './manifests.ts';
import { validateTestRun } from './validate.ts';

export const K8S_META_FILE = 'signoff-k8s.json';

export interface K8sMeta {
  format: 'signoff-k8s/1';
  name: string;
  scenario: string;
  profileName: string;
  profile: LoadProfile;
  /** The SLO sentences, parsed again by merge. */
  slos: string[];
  parallelism: number;
  baseUrl: string;
  createdAt: string;
}

export interface WriteK8sInput extends Omit<K8sManifestInput, 'script' | 'scriptFile'> {
  scenarioFile: string;
  profileName: string;
  profile: LoadProfile;
  slos: Slo[];
  outDir: string;
}

export interface WrittenK8s {
  files: string[];
  meta: K8sMeta;
}

export async function writeK8s(input: WriteK8sInput): Promise<WrittenK8s> {
  await mkdir(input.outDir, { recursive: true });
  const compiled = await compileScenario({ scenarioFile: input.scenarioFile, profileName: input.profileName, profile: input.profile, slos: input.slos, outDir: join(input.outDir, 'script') });
  const scriptFile = basename(compiled.scriptPath);
  // The source map stays beside the script for audits; the ConfigMap gets the script only (1 MiB limit).
  const script = (await readFile(compiled.scriptPath, 'utf8')).replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const { name } = input;
  const manifests = buildManifests({ ...input, scriptFile, script });
  const problems = validateTestRun(manifests.testRun);
  if (problems.length > 0) {
    throw new SignoffError('INTERNAL', `the TestRun signoff built does not match the k6-operator CRD:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  }
  if (Buffer.byteLength(script) > 900_000) {
    throw new SignoffError('SCENARIO_INVALID', `the compiled script is ${Buffer.byteLength(script)} bytes; a ConfigMap holds at most 1 MiB`, { hint: 'Split the scenario or move large payloads out of it.' });
  }
  const meta: K8sMeta = {
    format: 'signoff-k8s/1',
    name,
    scenario: compiled.scenario,
    profileName: input.profileName,
    profile: input.profile,
    slos: input.slos.map((s) => s.source),
    parallelism: input.parallelism,
    baseUrl: input.baseUrl,
    createdAt: new Date().toISOString(),
  };
  const files: [string, string][] = [
    ['configmap.yaml', stringify(manifests.configMap, { lineWidth: 0 })],
    ['results-pvc.yaml', stringify(manifests.resultsClaim)],
    ['testrun.yaml', stringify(manifests.testRun, { lineWidth: 0 })],
    ['collector.yaml', stringify(manifests.collector)],
    [K8S_META_FILE, `${JSON.stringify(meta, null, 2)}\n`],
  ];
  for (const [file, text] of files) await writeFile(join(input.outDir, file), text);
  return { files: files.map(([file]) => join(input.outDir, file)), meta };
}
