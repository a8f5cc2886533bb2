/**
 * An acceptance suite, `suites/*.ts`: what to check, at which load, against
 * which SLOs, and which requirement each item proves. Strict like the config.
 */
import { z } from 'zod';
import { loadProfileSchema, sloSchema } from './load.ts';
import type { CheckFamily, Criterion, Evidence } from '../model/types.ts';

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected an id of lower-case letters, digits and "-"');
const requirementId = z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, 'expected a requirement id such as "REQ-LOAD-01"');

export const loadItemSchema = z.strictObject({
  id,
  /** A module in scenarios/, by name without extension: "webmail-user" → scenarios/webmail-user.ts. */
  scenario: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a scenario name such as "webmail-user"'),
  /** The agreed profile. */
  profile: loadProfileSchema,
  /**
   * Named alternatives, picked with `--profile <name>`; one named after the
   * target kind ("sandbox") is used there by default, so demos stay short.
   */
  profiles: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), loadProfileSchema).default({}),
  slos: z.array(sloSchema).default([]),
  requirementIds: z.array(requirementId).default([]),
  /** APDEX "satisfied" threshold T in ms (tolerated up to 4T). */
  apdexT: z.number().positive().default(500),
  /** Stickiness: no session changes its node (JSESSIONID route) and none is lost. */
  stickiness: z.strictObject({ requirementIds: z.array(requirementId).default([]) }).optional(),
  /** Balance across cluster nodes: max relative deviation from an even split of sessions. */
  balance: z.strictObject({ maxDeviation: z.number().min(0).max(1), requirementIds: z.array(requirementId).default([]) }).optional(),
});

/** What a project-specific check returns; its status follows from the criteria. */
export interface CustomCheckOutcome {
  criteria: Criterion[];
  evidence?: Evidence[];
}

export interface CustomCheckContext {
  signal: AbortSignal;
  /** Absolute path of the run folder (evidence paths are relative to it). */
  runDir: string;
  target: { name: string; baseUrl: string; apiPath: string; uiPath: string; caFile?: string | undefined };
  log(message: string): void;
}

const family = z.enum(['load', 'gui', 'branding', 'imap', 'ldap', 'accounts', 'api', 'cluster']) satisfies z.ZodType<CheckFamily>;

/** A check written in the suite itself, for what no built-in family covers. */
export const customCheckSchema = z.strictObject({
  id,
  title: z.string().min(1),
  family,
  requirementIds: z.array(requirementId).default([]),
  run: z.custom<(ctx: CustomCheckContext) => Promise<CustomCheckOutcome>>((v) => typeof v === 'function', 'expected an async function (ctx) => ({ criteria })'),
});

/** Families built by colleagues later; until then only an empty list is accepted. */
const notYet = (what: string) => z.array(z.never({ error: `${what} items are not supported yet; leave the list empty` })).default([]);

export const suiteSchema = z.strictObject({
  name: id,
  title: z.string().min(1),
  /** Ids from the requirements catalogue, or requirements written inline. */
  requirements: z
    .array(z.union([requirementId, z.strictObject({ id: requirementId, title: z.string().min(1), verification: z.string().min(1).optional() })]))
    .default([]),
  load: z.array(loadItemSchema).default([]),
  gui: notYet('gui'),
  probes: notYet('probes'),
  checks: notYet('checks'),
  custom: z.array(customCheckSchema).default([]),
});

export type UserSuite = z.input<typeof suiteSchema>;
export type Suite = z.output<typeof suiteSchema>;
export type LoadItem = z.output<typeof loadItemSchema>;
export type CustomCheck = z.output<typeof customCheckSchema>;

/** Typed identity for suite files; validation happens when the suite is loaded. */
export function defineSuite(suite: UserSuite): UserSuite {
  return suite;
}
