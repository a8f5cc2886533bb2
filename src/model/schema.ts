/**
 * The RunReport JSON Schema (draft 2020-12), written to match types.ts, and
 * validateReport(): every report is checked before it is written, and any
 * report.json read back (re-render, verify) is checked before it is trusted.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { SignoffError } from '../errors.ts';
import { FAILURE_REASONS } from './probes.ts';
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
const nullableNum = { anyOf: [{ type: 'number' }, { type: 'null' }] } as const;
const nullableStr = { anyOf: [{ type: 'string' }, { type: 'null' }] } as const;
const strings = { type: 'array', items: str } as const;
const healthState = { enum: ['UP', 'DOWN', 'ERROR', 'unreachable'] } as const;
const latencyMap = { type: 'object', additionalProperties: object({ count: count, p50: nonNeg, p95: nonNeg, max: nonNeg }) } as const;
const nodeSummaryProps = {
  scrapes: count,
  healthyScrapes: count,
  requests: count,
  errors: count,
  rps: nonNeg,
  p95Ms: nonNeg,
  maxSessions: nonNeg,
  maxMemoryBytes: nonNeg,
  maxCpu: nonNeg,
  meanCpu: nonNeg,
};
const nodeSummaryOptional = ['maxSessions', 'maxMemoryBytes', 'maxCpu', 'meanCpu'];

/** ServerMonitoring (monitoring.ts). */
const monitoringDef = object({
  startedAt: dateTime,
  finishedAt: dateTime,
  intervalMs: nonNeg,
  nodes: {
    type: 'array',
    items: object({
      route: nonEmpty,
      url: str,
      points: {
        type: 'array',
        items: object({ t: num, health: healthState, rps: nonNeg, p95Ms: nonNeg, errors: count, sessions: nonNeg, memoryBytes: nonNeg, cpu: nonNeg }, ['sessions', 'memoryBytes', 'cpu']),
      },
      actions: { type: 'array', items: object({ name: nonEmpty, requests: count, errors: count, rps: nonNeg, p95Ms: nonNeg }) },
      summary: object(nodeSummaryProps, nodeSummaryOptional),
    }),
  },
  incidents: { type: 'array', items: object({ route: nonEmpty, at: dateTime, t: num, health: healthState, detail: str }) },
});

const counts = { type: 'object', additionalProperties: count } as const;

/** OxClientFigures (types.ts). */
const oxClientDef = object({
  rateLimited: count,
  rateLimitedShare: ratio,
  firstRateLimitedS: { anyOf: [nonNeg, { type: 'null' }] },
  rateLimitedByRoute: counts,
  rateLimitedByAction: counts,
  excludedFromLatency: count,
  retries: counts,
  parked: counts,
  warnings: counts,
});

const stepServer = object({ route: nonEmpty, ...nodeSummaryProps }, nodeSummaryOptional);

/** CapacityResult (capacity.ts). */
const capacityDef = object(
  {
    scenario: nonEmpty,
    model: { enum: ['closed', 'open'] },
    unit: { enum: ['sessions', 'sessions/s'] },
    capacity: nonNeg,
    atLeast: bool,
    bracket: object({ lastPassing: nullableNum, firstFailing: nullableNum }),
    precision: nullableNum,
    range: object({ min: nonNeg, max: nonNeg }),
    slos: strings,
    curve: {
      type: 'array',
      items: object(
        {
          index: count,
          level: nonNeg,
          passed: bool,
          stoppedEarly: bool,
          hardBreak: bool,
          bindingSlo: str,
          slack: num,
          p95Ms: nonNeg,
          throughput: nonNeg,
          errorRate: ratio,
          requests: count,
          slos: { type: 'array', items: { $ref: '#/$defs/slo' } },
          server: { type: 'array', items: stepServer },
          health: { $ref: '#/$defs/check' },
          startedAt: dateTime,
          wallTimeS: nonNeg,
          dir: str,
        },
        ['bindingSlo', 'server', 'health'],
      ),
    },
    knee: object({ level: nonNeg, server: { type: 'array', items: stepServer } }),
    steps: count,
    stepDurationS: nonNeg,
    wallTimeS: nonNeg,
    startedAt: dateTime,
    finishedAt: dateTime,
    k6: object({ version: str }),
  },
  ['knee'],
);

/** ProbeSummaries (probes.ts). */
const probesDef = object(
  {
    imap: object({
      matrix: object({
        beforeLogin: strings,
        afterLogin: strings,
        rows: {
          type: 'array',
          items: object(
            {
              name: nonEmpty,
              level: { enum: ['required', 'recommended', 'feature', 'informational'] },
              oxUse: str,
              impact: str,
              alternatives: strings,
              beforeLogin: bool,
              afterLogin: bool,
              presence: { enum: ['advertised', 'missing'] },
              blocking: bool,
            },
            ['alternatives'],
          ),
        },
        missingBlocking: strings,
        missingFeatures: strings,
        other: strings,
      }),
      latency: latencyMap,
    }),
    ldap: object(
      {
        url: str,
        transport: { enum: ['ldaps', 'starttls', 'plain'] },
        tls: object({ protocol: str, authorized: bool }),
        boundAs: str,
        configuredMode: { enum: ['auto', 'bindOnly', 'search'] },
        modes: { type: 'array', items: object({ mode: { enum: ['bindOnly', 'search'] }, succeeded: count, tried: count, reason: str }, ['reason']) },
        usedMode: { enum: ['bindOnly', 'search'] },
        userCount: count,
        latency: latencyMap,
      },
      ['tls', 'usedMode', 'userCount'],
    ),
    accounts: object({
      csvFile: str,
      total: count,
      verified: count,
      failed: count,
      failedByReason: { type: 'object', propertyNames: { enum: [...FAILURE_REASONS] }, additionalProperties: count },
      concurrency: count,
      durationMs: nonNeg,
      accountsPerSecond: nonNeg,
      steps: { type: 'array', items: { enum: ['csv', 'ldap', 'imap', 'ox'] } },
    }),
    gui: object({ timings: { type: 'object', additionalProperties: nonNeg } }),
  },
  ['imap', 'ldap', 'accounts', 'gui'],
);

/** BaselineComparison (baseline.ts). */
const baselineDef = object({
  baselineRunId: nonEmpty,
  metrics: {
    type: 'array',
    items: object({
      scenario: nonEmpty,
      action: nonEmpty,
      metric: { enum: ['p50', 'p90', 'p95', 'p99', 'max', 'errorRate'] },
      baseline: num,
      current: num,
      change: nullableNum,
      kind: { enum: ['regression', 'improvement'] },
    }),
  },
  checks: {
    type: 'array',
    items: object({
      id: nonEmpty,
      title: str,
      baseline: nullableStr,
      current: nullableStr,
      change: { enum: ['new-failure', 'fixed', 'regressed', 'improved', 'new-check', 'removed-check'] },
    }),
  },
  regressed: bool,
});

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
        error: object({ code: nonEmpty, message: str, phase: str, hint: str }, ['phase', 'hint']),
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
    probes: probesDef,
    capacity: capacityDef,
    baseline: baselineDef,
    },
    ['project', 'signatories', 'probes', 'capacity', 'baseline'],
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
        hint: str,
      },
      ['error', 'hint'],
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
      rateLimited: count,
    }, ['rateLimited']),
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
        segments: { type: 'integer', minimum: 1 },
        monitoring: monitoringDef,
        oxClient: oxClientDef,
      },
      ['cluster', 'segments', 'monitoring', 'oxClient'],
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
