/**
 * The RunReport JSON Schema (draft 2020-12), written to match types.ts, and
 * validateReport(): every report is checked before it is written, and any
 * report.json read back (re-render, verify) is checked before it is trusted.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { SignoffError } from '../errors.ts';
import { SCHEMA_VERSION } from './types.ts';
import type { RunReport } from './types.ts';

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const num = { type: 'number' } as const;
const nonNeg = { type: 'number', minimum: 0 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const bool = { type: 'boolean' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const ratio = { type: 'number', minimum: 0, maximum: 1 } as const;
/** A path inside the run folder: relative, no "..". */
const runPath = { type: 'string', minLength: 1, pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$' } as const;

function object(properties: Record<string, unknown>, optional: string[] = []): Record<string, unknown> {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return { type: 'object', properties, required, additionalProperties: false };
}

const errorInfo = object({ code: nonEmpty, message: str });
const metricEnum = { enum: ['p50', 'p90', 'p95', 'p99', 'max', 'errorRate', 'sessionLost', 'throughput'] };

export const runReportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://signoff.example/schemas/run-report.schema.json',
  title: 'signoff RunReport',
  ...object({
    schemaVersion: { const: SCHEMA_VERSION },
    run: object(
      {
        id: nonEmpty,
        suite: nonEmpty,
        startedAt: dateTime,
        finishedAt: dateTime,
        status: { enum: ['passed', 'failed', 'error', 'interrupted'] },
        harnessVersion: nonEmpty,
        toolVersions: { type: 'object', additionalProperties: str },
        error: object({ code: nonEmpty, message: str, phase: str }, ['phase']),
      },
      ['error'],
    ),
    target: object({
      name: nonEmpty,
      baseUrl: { type: 'string', format: 'uri' },
      apiPath: str,
      uiPath: str,
      kind: { enum: ['sandbox', 'remote'] },
      nodes: { type: 'array', items: str },
    }),
    environment: object({ os: str, node: str, cpus: count, memoryMb: nonNeg }),
    project: object({ customer: nonEmpty, project: nonEmpty, provider: nonEmpty }),
    signatories: {
      type: 'array',
      items: object({ name: nonEmpty, role: nonEmpty, organisation: nonEmpty, side: { enum: ['customer', 'provider'] } }),
    },
    requirements: { type: 'array', items: { $ref: '#/$defs/requirement' } },
    checks: { type: 'array', items: { $ref: '#/$defs/check' } },
    load: { type: 'array', items: { $ref: '#/$defs/load' } },
    deviations: { type: 'array', items: object({ id: nonEmpty, text: str }) },
    artifacts: { type: 'array', items: object({ path: runPath, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, bytes: count }) },
    },
    ['project', 'signatories'],
  ),
  $defs: {
    requirement: object(
      { id: nonEmpty, title: str, verification: str, responsible: { enum: ['customer', 'provider', 'both'] }, due: { type: 'string', format: 'date' } },
      ['verification', 'responsible', 'due'],
    ),
    criterion: object({ name: nonEmpty, expected: str, measured: str, passed: bool }),
    evidence: object({ kind: { enum: ['screenshot', 'log', 'sample', 'transcript', 'trace', 'diff', 'file'] }, path: runPath, title: str }, ['title']),
    check: object(
      {
        id: nonEmpty,
        title: str,
        family: { enum: ['load', 'gui', 'branding', 'imap', 'ldap', 'accounts', 'api', 'cluster'] },
        status: { enum: ['passed', 'failed', 'skipped', 'error'] },
        requirementIds: { type: 'array', items: nonEmpty },
        criteria: { type: 'array', items: { $ref: '#/$defs/criterion' } },
        evidence: { type: 'array', items: { $ref: '#/$defs/evidence' } },
        durationMs: nonNeg,
        error: errorInfo,
      },
      ['error'],
    ),
    percentiles: object({ p50: nonNeg, p90: nonNeg, p95: nonNeg, p99: nonNeg, max: nonNeg, min: nonNeg, mean: nonNeg, count: count }),
    action: object({
      name: nonEmpty,
      latency: { $ref: '#/$defs/percentiles' },
      requests: count,
      failures: count,
      errorRate: ratio,
      throughput: nonNeg,
      apdex: object({ t: nonNeg, score: ratio }),
      errorsByCode: { type: 'object', additionalProperties: count },
    }),
    slo: object(
      {
        action: nonEmpty,
        metric: metricEnum,
        op: { enum: ['<', '<=', '>', '>=', '=='] },
        threshold: num,
        measured: num,
        unit: { enum: ['ms', 'ratio', 'count', 'req/s'] },
        passed: bool,
        k6Passed: bool,
      },
      ['k6Passed'],
    ),
    load: object(
      {
        scenario: nonEmpty,
        profile: object({ name: nonEmpty, executor: nonEmpty, description: str, maxVUs: count, durationS: nonNeg }),
        startedAt: dateTime,
        finishedAt: dateTime,
        overall: { $ref: '#/$defs/percentiles' },
        totals: object({ requests: count, failures: count, iterations: count, sessions: count, dataReceivedBytes: count, dataSentBytes: count }),
        actions: { type: 'array', items: { $ref: '#/$defs/action' } },
        slos: { type: 'array', items: { $ref: '#/$defs/slo' } },
        series: object({
          resolutionS: { type: 'number', exclusiveMinimum: 0 },
          points: { type: 'array', items: object({ t: nonNeg, vus: count, rps: nonNeg, p95: nonNeg, errors: count }) },
        }),
        cluster: object({
          sessionsByRoute: { type: 'object', additionalProperties: count },
          routeChanges: count,
          sessionsLost: count,
          maxDeviation: ratio,
        }),
        k6: object({ version: str, exitCode: { type: 'integer' }, thresholdsPassed: bool }),
      },
      ['cluster'],
    ),
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile<RunReport>(runReportSchema);

/** A located problem: the JSON pointer into the report and what is wrong there. */
export interface ReportProblem {
  pointer: string;
  message: string;
}

function describe(error: ErrorObject): ReportProblem {
  const pointer = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return { pointer, message: `unexpected property "${String(error.params.additionalProperty)}"` };
  }
  if (error.keyword === 'enum') {
    return { pointer, message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer, message: error.message ?? error.keyword };
}

/** Problems without throwing; an empty list means valid. */
export function reportProblems(report: unknown): ReportProblem[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map(describe);
}

/** Throws REPORT_INVALID naming every problem by JSON pointer. */
export function validateReport(report: unknown): asserts report is RunReport {
  const problems = reportProblems(report);
  if (problems.length === 0) return;
  const lines = problems.slice(0, 20).map((p) => `  ${p.pointer}: ${p.message}`);
  if (problems.length > 20) lines.push(`  … and ${problems.length - 20} more`);
  throw new SignoffError('REPORT_INVALID', `the run report does not match the RunReport schema:\n${lines.join('\n')}`);
}
