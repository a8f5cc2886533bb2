/**
 * The contract between the sandbox supervisor (services, lifecycle, CLI) and
 * the App Suite stand-in nodes, and what the harness learns about a running
 * sandbox. The harness talks to a sandbox only over the network, using these.
 */

/** Written by `sandbox up` to <dir>/sandbox.json; read by status/down/fault and by the harness. */
export interface SandboxInfo {
  name: string;
  /** State folder (kept short: Dovecot socket paths must stay < 108 bytes). */
  dir: string;
  createdAt: string;
  /** The one URL for the harness: Apache balancer, sticky on the JSESSIONID route (http). */
  balancerUrl: string;
  /** Same balancer over TLS, certificate issued by `caFile`. */
  balancerHttpsUrl: string;
  apiPath: '/ajax';
  uiPath: '/appsuite/';
  nodes: SandboxNodeInfo[];
  imap: { host: '127.0.0.1'; port: number; tlsPort: number };
  lmtp: { host: '127.0.0.1'; port: number };
  ldap: { url: string; tlsUrl: string; baseDn: string; peopleDn: string; adminDn: string };
  /** PEM CA that issued every sandbox server certificate. */
  caFile: string;
  /** JSON file (mode 0600) with the LDAP admin password, the node admin token and the account passwords' source. */
  credentialsFile: string;
  /** The accounts CSV the directory was built from. */
  accountsFile: string;
  brandDir: string;
  /** PIDs of every process the sandbox started, for `down` (by PID only, never by name). */
  pids: Record<string, number>;
  timings: Record<string, number>;
  /** Supervisor faults currently applied (cleared by `sandbox fault clear`). */
  faults: SupervisorFault[];
  /** The unprivileged user the daemons run as (`signoff` when started by root). */
  daemonUser: string;
  /** Number of accounts provisioned into LDAP and seeded with mail. */
  accountCount: number;
  /** imap_capability Dovecot advertises now (undefined = Dovecot's full list). */
  imapCapability?: string;
  /** imap_capability chosen at `up` (what `fault clear` returns to). */
  imapCapabilityAtStart?: string;
  /** `starting` while up runs, `failed` when it gave up (logs kept), `ready` after. */
  state: 'starting' | 'ready' | 'failed';
}

export interface SandboxNodeInfo {
  route: string; // OX1, OX2, …
  url: string; // http://127.0.0.1:<port>
}

export interface SandboxCredentials {
  ldapAdminPassword: string;
  dovecotLdapPassword: string;
  /** Token for the loopback-only fault/admin endpoint of the nodes. */
  adminToken: string;
}

/**
 * Configuration of one App Suite stand-in node, passed as a JSON file path in
 * argv[2] to `src/sandbox/ox/main.ts`. All nodes share `dataDir` (SQLite + drive
 * files) and the backends; each keeps its own in-memory session table.
 */
export interface OxNodeConfig {
  route: string;
  host: '127.0.0.1';
  port: number;
  /** Shared data of all nodes: contacts, calendar, drive, jslob. */
  dataDir: string;
  ldap: { url: string; baseDn: string; peopleDn: string; adminDn: string; adminPassword: string };
  imap: { host: string; port: number; caFile: string; secure: false | 'starttls' };
  lmtp: { host: string; port: number };
  brandDir: string;
  adminToken: string;
  /** Idle lifetime of a session in ms (OX default 3,600,000). */
  sessionIdleMs: number;
  /** com.openexchange.sessiond.autologin (OX default false; the `autologin` fault switches it). */
  autologin?: boolean;
  logFile: string;
}

export type FaultSpec =
  | { kind: 'latency'; ms: number; module?: string; action?: string }
  | { kind: 'errors'; rate: number; as: 'http503' | 'envelope'; module?: string; action?: string }
  | { kind: 'login-broken' }
  /** Successful answers carry a warning (MW ResponseWriter shape) with this probability. */
  | { kind: 'warnings'; rate: number; module?: string; action?: string }
  /** OX's rate-limit defaults (no lenient generator addresses); maxRate/windowMs lower them for tests. */
  | { kind: 'rate-limit'; maxRate?: number; windowMs?: number }
  /** The node sees another client address on every request (a balancer or egress NAT that changes it). */
  | { kind: 'client-ip-changes' }
  /** Switches com.openexchange.sessiond.autologin on or off. */
  | { kind: 'autologin'; enabled: boolean };

/** Node admin endpoint (loopback only, header `x-signoff-admin-token`): */
/** What a sandbox may be named (its folder, process titles and `sandbox:<name>` targets carry it). */
export const SANDBOX_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const NODE_ADMIN_PATH = '/__signoff/faults';

/** Faults the supervisor applies to a running sandbox (`signoff sandbox fault …`). */
export type SupervisorFault =
  | { kind: 'node-down'; route: string }
  | { kind: 'node-up'; route: string }
  | { kind: 'stickiness-broken' }
  | { kind: 'imap-capabilities'; capability: string }
  | { kind: 'ldap-down' }
  | { kind: 'ldap-up' }
  /** Forwarded to the node admin endpoint (all nodes when route is omitted). */
  | { kind: 'node'; route?: string; fault: FaultSpec };

/** Header carrying SandboxCredentials.adminToken on the node admin endpoint. */
export const NODE_ADMIN_TOKEN_HEADER = 'x-signoff-admin-token';
