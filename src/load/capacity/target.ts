/**
 * Where a load without the run spine goes: the environment every compiled
 * scenario reads (scenarios/README.md), built once here so capacity search,
 * segments and the CLIs agree. The accounts file is the JSON pool (0600,
 * outside any run folder), never the CSV: it holds passwords.
 */
import type { MonitorNode } from '../../monitor/types.ts';

export interface LoadTarget {
  baseUrl: string;
  /** Default /ajax. */
  apiPath?: string;
  /** PEM CA k6 trusts for an HTTPS target. */
  caFile?: string;
  /** JSON account pool `[{login,password,email}]`. */
  accountsFile: string;
  /** Mean think time in s (SIGNOFF_THINK_TIME); the scenario's default when unset. */
  thinkTimeS?: number;
  /** Nodes to monitor while the load runs (/metrics, /health). */
  nodes?: MonitorNode[];
  /** `user:password` for the nodes' /metrics and /health when a node carries none of its own (MonitorNode.basicAuth). */
  monitorBasicAuth?: string;
  /** SIGNOFF_UI, SIGNOFF_RETRY_CAP, SIGNOFF_AUTOLOGIN from the suite item and target (src/load/client-env.ts); the k6 client's defaults when unset. */
  clientEnv?: Record<string, string>;
}

export function k6EnvFor(target: LoadTarget): Record<string, string> {
  const env: Record<string, string> = {
    SIGNOFF_BASE_URL: target.baseUrl,
    SIGNOFF_API_PATH: target.apiPath ?? '/ajax',
    SIGNOFF_ACCOUNTS_FILE: target.accountsFile,
    ...target.clientEnv,
  };
  if (target.thinkTimeS !== undefined) env.SIGNOFF_THINK_TIME = String(target.thinkTimeS);
  if (target.caFile) env.SSL_CERT_FILE = target.caFile;
  return env;
}
