/**
 * Pre-flight: one GET of the target before k6 starts, so an unreachable target
 * fails in seconds with a clear error instead of a k6 run full of errors.
 * Any HTTP answer (even 404 or 503) counts as reachable.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { SignoffError } from '../errors.ts';

export interface ReachableOptions {
  /** PEM file of the CA that signed the target's certificate (TLS checking is never switched off). */
  caFile?: string;
  timeoutMs?: number;
}

const TLS_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

export async function assertReachable(url: string, options: ReachableOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const target = new URL(url);
  const ca = options.caFile ? await readFile(options.caFile) : undefined;
  const client = target.protocol === 'https:' ? https : http;
  await new Promise<void>((resolve, reject) => {
    const request = client.get(target, { ca, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      response.resume();
      resolve();
    });
    request.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.name;
      if (TLS_CODES.has(code)) {
        reject(new SignoffError('TLS_FAILED', `${target.origin}: the TLS certificate is not trusted (${code})`, { cause: error }));
        return;
      }
      const why = code === 'ABORT_ERR' || error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `${code}: ${error.message}`;
      reject(new SignoffError('TARGET_UNREACHABLE', `${target.origin} is not reachable (${why})`, { cause: error }));
    });
  });
}
