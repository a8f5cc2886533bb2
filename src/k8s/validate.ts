/**
 * Validates a TestRun manifest against the k6-operator's own CRD schema
 * (testrun.schema.json, see PROVENANCE.md) with ajv, the way the Kubernetes
 * API server would check it on `kubectl apply`. The Kubernetes extensions
 * (x-kubernetes-*) carry no validation ajv could apply; they are accepted as
 * annotations, and int32/int64 formats are checked by ajv-formats.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface ManifestProblem {
  path: string;
  message: string;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'testrun.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  for (const keyword of ['x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-validations']) {
    ajv.addKeyword({ keyword });
  }
  compiled = ajv.compile(schema);
  return compiled;
}

/** Problems of one TestRun (empty when valid); also checks apiVersion and kind, which the schema leaves free strings. */
export function validateTestRun(manifest: unknown): ManifestProblem[] {
  const validate = validator();
  const problems: ManifestProblem[] = [];
  if (!validate(manifest)) {
    for (const e of validate.errors ?? []) problems.push({ path: e.instancePath || '/', message: e.message ?? e.keyword });
  }
  const m = manifest as { apiVersion?: unknown; kind?: unknown } | null;
  if (m?.apiVersion !== 'k6.io/v1alpha1') problems.push({ path: '/apiVersion', message: 'must be k6.io/v1alpha1' });
  if (m?.kind !== 'TestRun') problems.push({ path: '/kind', message: 'must be TestRun' });
  return problems;
}
