/** Validators from the OX OpenAPI fragments (skipped cleanly when the reference folder is absent). */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const SPEC = '/work/shared/reference/ox-http-api/spec/http-api/http_api/components/schemas';

export const specAvailable = existsSync(SPEC);

function load(file: string): Record<string, unknown> {
  return parse(readFileSync(`${SPEC}/${file}`, 'utf8')) as Record<string, unknown>;
}

/** The fragments use a flattened form (`properties: null` + top-level fields, `$ref` inside properties); normalise. */
function normalise(schema: Record<string, unknown>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  const source = (schema.properties && typeof schema.properties === 'object' ? schema.properties : schema) as Record<string, unknown>;
  for (const [k, v] of Object.entries(source)) {
    if (k === 'type' || k === 'properties' || k === '$ref' || typeof v !== 'object' || v === null) continue;
    props[k] = v;
  }
  return { type: 'object', properties: props };
}

const ajv = new Ajv({ strict: false, allErrors: true });
// OpenAPI number formats carry no extra constraint for JSON values.
for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);

export function validator(name: 'common' | 'login'): ValidateFunction {
  if (name === 'common') return ajv.compile(normalise(load('common/CommonResponse.yaml')));
  const login = normalise(load('login/LoginResponse.yaml'));
  return ajv.compile({ ...login, required: ['session', 'user', 'user_id', 'context_id', 'locale'] });
}

/** EventData: every field of EventDataRaw, with `$ref`s to DateTimeData inlined. */
export function eventValidator(): ValidateFunction {
  const raw = parse(readFileSync(`${SPEC}/chronos/EventDataRaw.yaml`, 'utf8')) as Record<string, unknown>;
  const dateTime = parse(readFileSync(`${SPEC}/chronos/DateTimeData.yaml`, 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(raw).replace(/\{"\$ref":"[^"]*DateTimeData[^"]*"\}/g, JSON.stringify(dateTime));
  const inlined = JSON.parse(text) as Record<string, unknown>;
  const props = { ...((inlined.properties as Record<string, unknown> | undefined) ?? inlined) };
  // Other $refs (calendar users, attendees …) are not in the saved fragments: accept any value there.
  for (const [k, v] of Object.entries(props)) if (JSON.stringify(v).includes('$ref')) props[k] = {};
  return ajv.compile({ type: 'object', properties: props });
}
