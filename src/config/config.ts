/**
 * The project configuration, `signoff.config.ts`: targets (where to test),
 * project data and signatories (who signs the protocol). Strict: a typo in a
 * key is an error, and secrets are only ever named (env variable, file), never
 * written inline.
 */
import { z } from 'zod';

const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as "30s", "5m" or "1h"');
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as "https://ox.example.com"' })
  // Credentials in a URL would reach every artifact; passwords are only ever named (passwordEnv / passwordFile).
  .refine((u) => !/^[a-z]+:\/\/[^/@]*@/i.test(u), 'expected a URL without user:password@ (name credentials with passwordEnv or passwordFile)');
const urlPath = z.string().regex(/^\/\S*$/, 'expected an absolute path such as "/ajax"');
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as "SIGNOFF_PASSWORD"');

/** Accounts come from an OX createuser CSV; a shared password may come from the environment or a file. */
const accountsSchema = z
  .strictObject({
    file: z.string().min(1, 'expected the path of the accounts CSV'),
    /** Environment variable holding the password of every account without one in the CSV. */
    passwordEnv: envName.optional(),
    /** File (one line) holding that password; keep it outside the repository. */
    passwordFile: z.string().min(1).optional(),
  })
  .refine((a) => !(a.passwordEnv && a.passwordFile), { message: 'use either passwordEnv or passwordFile, not both' });

/**
 * The directory OX authenticates against, described the way ldapauth.properties
 * does: bindOnly builds the DN from the login (`<uidAttribute>=<user>,<base>`),
 * search finds the one entry matching the filter and binds with its DN.
 */
const ldapSchema = z
  .strictObject({
    url: z.string().regex(/^ldaps?:\/\/\S+$/, 'expected an ldap:// or ldaps:// URL'),
    /** Upgrade an ldap:// connection with StartTLS (ldaps:// is TLS from the start). */
    startTls: z.boolean().default(false),
    baseDn: z.string().min(1),
    /** bindOnly: the base DN per context, "{context}" standing for the context id, e.g. "ou=ctx{context},ou=people,dc=acme". Default: baseDn for every context, as OX does. */
    contextBaseDn: z.string().regex(/\{context\}/, 'expected a DN template containing "{context}"').optional(),
    /** search: the filter the user entries match; the uid condition is added. */
    searchFilter: z.string().regex(/^\(.*\)$/, 'expected an LDAP filter in parentheses such as "(objectClass=posixAccount)"').optional(),
    uidAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'expected an attribute name such as "uid"').default('uid'),
    /** Service bind for the search; anonymous when absent. The password is only ever named. */
    bind: z.strictObject({ dn: z.string().min(1), passwordEnv: envName }).optional(),
  })
  .refine((l) => !(l.startTls && l.url.startsWith('ldaps://')), { message: 'startTls applies to ldap:// URLs; ldaps:// is TLS already', path: ['startTls'] });

/**
 * HTTP Basic auth for a node's /metrics (and /health) when OX protects them
 * (com.openexchange.metrics.micrometer.basicauth.login/password). The password
 * is only ever named: exactly one of passwordEnv and passwordFile.
 */
const metricsAuthSchema = z
  .strictObject({
    username: z.string().min(1, 'expected the metrics user name (com.openexchange.metrics.micrometer.basicauth.login)'),
    /** Refused: the password is never written inline. */
    password: z.never({ error: 'the password is never written inline; name it with passwordEnv or passwordFile' }).optional(),
    /** Environment variable holding the password. */
    passwordEnv: envName.optional(),
    /** File (one line) holding the password; keep it outside the repository. */
    passwordFile: z.string().min(1).optional(),
  })
  .refine((a) => (a.passwordEnv === undefined) !== (a.passwordFile === undefined), { message: 'expected exactly one of passwordEnv and passwordFile' });

/** One cluster node: its JSESSIONID route and the base URL serving /metrics and /health (OX: :8009). */
const nodeSchema = z.strictObject({ route: z.string().min(1), url: httpUrl, metricsAuth: metricsAuthSchema.optional() });

export type MetricsAuthConfig = z.output<typeof metricsAuthSchema>;

export const targetSchema = z.strictObject({
  /** Where the App Suite answers, e.g. "https://ox.example.com". */
  baseUrl: httpUrl,
  apiPath: urlPath.default('/ajax'),
  uiPath: urlPath.default('/appsuite/'),
  imap: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      /** "implicit" = IMAPS (993), "starttls" = upgrade on 143. Plain text is not offered. */
      tls: z.enum(['implicit', 'starttls']),
    })
    .optional(),
  ldap: ldapSchema.optional(),
  /** PEM file of the CA that issued the target's certificates; TLS checking is never switched off. */
  caFile: z.string().min(1).optional(),
  /** Load runs refuse a target until the customer agreed to load it. */
  allowLoad: z.boolean().default(false),
  /**
   * The target offers autologin (com.openexchange.sessiond.autologin=true; OX's default is false).
   * Only then does the k6 client use it (SIGNOFF_AUTOLOGIN=on).
   */
  autologin: z.boolean().default(false),
  /** The cluster nodes behind the balancer, for health, metrics and stickiness. */
  nodes: z.array(nodeSchema).default([]),
  accounts: accountsSchema.optional(),
  /** Brand folder (brand.json + assets) the GUI branding checks expect, relative to the project. */
  brand: z.string().min(1).optional(),
});

const sideSchema = z.enum(['customer', 'provider']);

export const configSchema = z
  .strictObject({
    project: z
      .strictObject({
        customer: z.string().min(1),
        project: z.string().min(1),
        provider: z.string().min(1),
      })
      .default({ customer: 'Sandbox customer', project: 'Sandbox project', provider: 'Sandbox provider' }),
    signatories: z
      .array(z.strictObject({ name: z.string().min(1), role: z.string().min(1), organisation: z.string().min(1), side: sideSchema }))
      .default([]),
    /** Target names; "sandbox" and "sandbox:<name>" are built in and cannot be redefined. */
    targets: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a target name of lower-case letters, digits and "-"').refine((n) => n !== 'sandbox', '"sandbox" is built in'),
        targetSchema,
      )
      .default({}),
    /** Used when `--target` is not given. */
    defaultTarget: z.string().default('sandbox'),
    /** Requirements catalogue that suites reference by id (CSV: id,requirement,responsible,due,verification). */
    requirementsFile: z.string().default('fixtures/requirements.csv'),
    /** The whole run must end within this; the phase running when it passes is named. */
    deadline: duration.default('1h'),
    /** The test protocol (HTML + PDF) written at the end of every run, and how it is signed. */
    protocol: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Absent: an unsigned protocol. "demo": a generated key, marked "not for sign-off". */
        signing: z
          .union([
            z.literal('demo'),
            z
              .strictObject({
                p12File: z.string().min(1),
                passphraseEnv: z.string().min(1).optional(),
                passphraseFile: z.string().min(1).optional(),
              })
              .refine((k) => (k.passphraseEnv === undefined) !== (k.passphraseFile === undefined), 'expected exactly one of passphraseEnv or passphraseFile'),
          ])
          .optional(),
      })
      .default({ enabled: true }),
  })
  .refine((c) => c.defaultTarget === 'sandbox' || c.defaultTarget.startsWith('sandbox:') || c.defaultTarget in c.targets, {
    message: 'defaultTarget names no target in `targets`',
    path: ['defaultTarget'],
  });

/** What a user writes: defaults may be left out. */
export type UserConfig = z.input<typeof configSchema>;
/** After validation: every default applied. */
export type Config = z.output<typeof configSchema>;
export type TargetConfig = z.output<typeof targetSchema>;
export type Signatory = Config['signatories'][number];

/** Typed identity for `signoff.config.ts`; validation happens when the file is loaded. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

/** The configuration without a file: only the built-in sandbox target. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
