/**
 * The nodes' metrics credentials (target `nodes[].metricsAuth`) turned into
 * what the monitor sends: `user:password` for HTTP Basic auth, the password
 * read from the named environment variable or file. A missing or empty source
 * is a CONFIG_INVALID error naming the config path; the password itself is
 * never part of a message.
 */
import { SignoffError } from '../errors.ts';
import { resolveSecret } from './secret.ts';
import type { MetricsAuthConfig } from './config.ts';

export interface ConfiguredNode {
  route: string;
  url: string;
  metricsAuth?: MetricsAuthConfig;
}

/** A node as the monitor takes it (src/monitor MonitorNode). */
export interface AuthenticatedNode {
  route: string;
  url: string;
  /** `user:password` for the node's /metrics and /health. */
  basicAuth?: string;
}

export interface MetricsAuthOptions {
  /** Folder a relative passwordFile is resolved against (the project). */
  baseDir: string;
  /** Where the nodes are configured, for messages, e.g. `signoff.config.ts: targets.prod`. */
  where: string;
  env?: NodeJS.ProcessEnv;
}

async function passwordOf(auth: MetricsAuthConfig, at: string, options: MetricsAuthOptions): Promise<string> {
  const source = { env: auth.passwordEnv, file: auth.passwordFile };
  const secret = await resolveSecret(source, { at: `${at}.password`, what: "the node's metrics password", baseDir: options.baseDir, ...(options.env ? { env: options.env } : {}) });
  return secret.reveal();
}

/** The nodes with their Basic auth resolved; nodes without metricsAuth stay as they are. */
export async function resolveMetricsAuth(nodes: readonly ConfiguredNode[], options: MetricsAuthOptions): Promise<AuthenticatedNode[]> {
  const resolved: AuthenticatedNode[] = [];
  for (const [i, node] of nodes.entries()) {
    const base = { route: node.route, url: node.url };
    if (!node.metricsAuth) {
      resolved.push(base);
      continue;
    }
    const at = `${options.where}.nodes[${i}].metricsAuth`;
    if (node.metricsAuth.username.includes(':')) throw new SignoffError('CONFIG_INVALID', `${at}.username: HTTP Basic auth user names cannot contain ":"`);
    resolved.push({ ...base, basicAuth: `${node.metricsAuth.username}:${await passwordOf(node.metricsAuth, at, options)}` });
  }
  return resolved;
}
