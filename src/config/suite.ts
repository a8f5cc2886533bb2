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
  /** The App Suite UI whose requests the k6 client mirrors (SIGNOFF_UI). */
  ui: z.enum(['7.10', '8']).default('7.10'),
  /** Check every answer against the project's OX wire contracts (src/contract); costs k6 memory, so off by default (`signoff run --verify-responses`). */
  verifyResponses: z.boolean().default(false),
  /** Consecutive failed logins after which a VU stops for the rest of the run (SIGNOFF_RETRY_CAP): login attempts ≤ VUs × this. */
  retryCap: z.number().int().min(1).max(20).default(3),
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

/**
 * Which requirements a family's checks prove: one list for every check of the
 * family, or per check (keys are the check names without the family prefix;
 * a key also covers the checks below it, e.g. "vcard-roundtrip" covers
 * "api.vcard-roundtrip.<file>"). Keys are strict, so a misspelt check fails.
 */
function requirementIdsFor<const K extends string>(checkNames: readonly K[]) {
  const perCheck = z.strictObject(Object.fromEntries(checkNames.map((k) => [k, z.array(requirementId).optional()])) as Record<K, z.ZodOptional<z.ZodArray<typeof requirementId>>>);
  return z.union([z.array(requirementId), perCheck]).default([]);
}

/** Check names (ids without the family prefix) each family reports; the runner maps requirements by them. */
export const FAMILY_CHECK_NAMES = {
  imap: ['tls', 'capabilities', 'login', 'namespace', 'special-use', 'folders', 'messages', 'sort', 'thread', 'quota', 'acl', 'idle', 'parallel-sessions', 'latency'],
  ldap: ['connection', 'auth-mode', 'bind', 'attributes', 'user-count', 'wrong-password', 'latency'],
  accounts: ['verified', 'reason'],
  api: ['vcard-roundtrip', 'ical-roundtrip', 'mail-delivery', 'password-change'],
  /** GUI checks are "gui.<project>.<test>" (smoke) and "branding.<project>.<test>". */
  gui: ['smoke', 'branding'],
} as const;

export const imapItemSchema = z.strictObject({
  /** How many accounts of the target's CSV the probe logs in (the first is used for the functional checks). */
  accounts: z.number().int().min(1).max(1000).default(3),
  /** Sessions of one user held at once (OX opens several per user). */
  parallelSessions: z.number().int().min(1).max(200).default(20),
  requirementIds: requirementIdsFor(FAMILY_CHECK_NAMES.imap),
});

export const ldapItemSchema = z.strictObject({
  /** "auto" tries both OX modes (bindOnly, search) and uses the one that works. */
  mode: z.enum(['auto', 'bindOnly', 'search']).default('auto'),
  /** Attributes every sample entry must carry. */
  requiredAttributes: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'expected an LDAP attribute name such as "mail"')).min(1).optional(),
  /** How many accounts of the target's CSV are bound. */
  accounts: z.number().int().min(1).max(1000).default(3),
  /** Only the first sample account is ever sent a wrong password; off for directories with a lockout policy. */
  wrongPasswordCheck: z.boolean().default(true),
  requirementIds: requirementIdsFor(FAMILY_CHECK_NAMES.ldap),
});

export const accountsItemSchema = z.strictObject({
  /** The migration CSV to verify, relative to the project; default: the target's accounts file. */
  csv: z.string().min(1).optional(),
  /** Accounts verified at the same time. */
  concurrency: z.number().int().min(1).max(256).default(32),
  requirementIds: requirementIdsFor(FAMILY_CHECK_NAMES.accounts),
});

export const apiItemSchema = z.strictObject({
  /** Folder of *.vcf / *.ics migration samples, relative to the project. */
  migrationDir: z.string().min(1).default('fixtures/migration'),
  /** Only these files of migrationDir (a short set for nightly runs); default: every *.vcf and *.ics. */
  files: z.array(z.string().regex(/^[^/\\]+\.(vcf|ics)$/i, 'expected a file name in migrationDir such as "contacts-vcard30.vcf"')).min(1).optional(),
  requirementIds: requirementIdsFor(FAMILY_CHECK_NAMES.api),
});

export const guiItemSchema = z.strictObject({
  projects: z.array(z.enum(['desktop', 'mobile'])).min(1).default(['desktop', 'mobile']),
  /** Brand folder (brand.json + assets) the branding checks expect; default: the target's brand. */
  brand: z.string().min(1).optional(),
  /**
   * The App Suite UI version whose element ids the page objects use. The
   * same default as a load item's `ui`: 7.10, which the sandbox serves; an 8.x
   * target says '8' (the 8.x selectors come from the 8.x UI's sources).
   */
  selectorSet: z.enum(['7.10', '8']).default('7.10'),
  /** Folder of screenshot baselines, relative to the project; without it the baseline check is skipped. */
  baselineDir: z.string().min(1).optional(),
  /** The whole Playwright run. */
  timeout: z.string().regex(/^\d+(ms|s|m)$/, 'expected a duration such as "120s" or "3m"').default('180s'),
  requirementIds: requirementIdsFor(FAMILY_CHECK_NAMES.gui),
});

export const suiteSchema = z.strictObject({
  name: id,
  title: z.string().min(1),
  /** Ids from the requirements catalogue, or requirements written inline. */
  requirements: z
    .array(z.union([requirementId, z.strictObject({ id: requirementId, title: z.string().min(1), verification: z.string().min(1).optional() })]))
    .default([]),
  load: z.array(loadItemSchema).default([]),
  /** Playwright GUI smoke and branding checks (after the probes, before the load). */
  gui: guiItemSchema.optional(),
  /** Protocol probes of the backends OX depends on. */
  probes: z.strictObject({ ldap: ldapItemSchema.optional(), imap: imapItemSchema.optional() }).default({}),
  /** Checks through the OX API: migrated accounts, migration round-trips, mail, password change. */
  checks: z.strictObject({ accounts: accountsItemSchema.optional(), api: apiItemSchema.optional() }).default({}),
  custom: z.array(customCheckSchema).default([]),
})
  .superRefine((suite, ctx) => {
    // Two items with one id would write one folder and one set of check ids.
    for (const key of ['load', 'custom'] as const) {
      const seen = new Map<string, number>();
      suite[key].forEach((item, i) => {
        const first = seen.get(item.id);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}" (first at ${key}[${first}])` });
        else seen.set(item.id, i);
      });
    }
  });

export type UserSuite = z.input<typeof suiteSchema>;
export type Suite = z.output<typeof suiteSchema>;
export type LoadItem = z.output<typeof loadItemSchema>;
export type CustomCheck = z.output<typeof customCheckSchema>;
export type ImapItem = z.output<typeof imapItemSchema>;
export type LdapItem = z.output<typeof ldapItemSchema>;
export type AccountsItem = z.output<typeof accountsItemSchema>;
export type ApiItem = z.output<typeof apiItemSchema>;
export type GuiItem = z.output<typeof guiItemSchema>;
/** A family's requirement mapping: one list, or per check name. */
export type RequirementIdsSpec = string[] | Partial<Record<string, string[]>>;

/** Typed identity for suite files; validation happens when the suite is loaded. */
export function defineSuite(suite: UserSuite): UserSuite {
  return suite;
}
