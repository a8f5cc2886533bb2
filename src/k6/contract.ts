/**
 * `--verify-responses`: every answer checked against the wire contracts the
 * project wrote from the OX spec (src/contract). The compiler aliases
 * 'signoff-contract' to src/contract/verify.ts only when asked, else to its
 * no-op twin, so a normal load carries no schema and parses no extra body.
 * A violation is counted as ox_errors{code: CONTRACT} (the request itself keeps
 * its verdict) and described once per action in k6's log.
 */
import { VERIFYING, verifyResponse } from 'signoff-contract';
import type { OxOutcome, ResponseShape } from './envelope.ts';
import { oxErrors } from './metrics.ts';
import type { Query } from './url.ts';

export const CONTRACT_CODE = 'CONTRACT';
export const verifying: boolean = VERIFYING;

const described = new Set<string>();

/** The client's action names where the contract names them otherwise. */
function contractName(name: string): string {
  if (name === 'login') return 'login.login';
  if (name.startsWith('multiple.')) return 'multiple';
  if (name === 'mail.compose.update') return 'mail.compose.patch';
  return name;
}

export function checkContract(name: string, shape: ResponseShape, outcome: OxOutcome, query?: Query): void {
  // Binary bodies are not kept, empty ones have nothing to check; unreadable ones already failed.
  if (shape === 'binary' || shape === 'empty' || outcome.json === undefined) return;
  const columns = typeof query?.columns === 'string' ? query.columns : undefined;
  const requests = shape === 'multiple' && Array.isArray(outcome.json) ? outcome.json.length : undefined;
  const verdict = verifyResponse(contractName(name), outcome.json, { ...(columns ? { columns } : {}), ...(requests !== undefined ? { requests } : {}) });
  if (verdict.ok) return;
  oxErrors.add(1, { name, code: CONTRACT_CODE });
  if (!described.has(name)) {
    described.add(name);
    console.warn(`signoff: the answer to ${name} breaks its contract: ${verdict.problem}`);
  }
}
