/**
 * The TLS check and the capability-matrix check, both judged from the first
 * session the probe opens (or from its failure).
 */
import type { CheckResult, Evidence } from '../../../model/types.ts';
import { makeCheck, type RequirementMap } from '../../common/check.ts';
import { Criteria } from '../../common/criteria.ts';
import type { SignoffError } from '../../../errors.ts';
import type { CapabilityMatrix } from '../capabilities.ts';
import { IMAP_CHECKS } from '../context.ts';
import type { ImapEndpoint, ImapSession } from '../session.ts';

const MIN_CERTIFICATE_DAYS = 14;

/** Judges the transport of an open session, or the TLS failure that prevented it. */
export function tlsCheck(endpoint: ImapEndpoint, outcome: ImapSession | SignoffError, requirements: RequirementMap, startedAt: number, evidence: Evidence[]): CheckResult {
  const criteria = new Criteria();
  const trust = endpoint.caFile ? `trusted by ${endpoint.caFile}` : 'trusted by the system store';
  if (endpoint.tls === 'none') {
    criteria.add('transport', 'STARTTLS or implicit TLS (OX enableTls=true)', 'plaintext (tls: none configured)', false);
    return makeCheck(IMAP_CHECKS.tls, requirements, startedAt, { criteria: criteria.items, evidence });
  }
  if (!('client' in outcome)) {
    const isTls = outcome.code === 'TLS_FAILED';
    criteria.add('TLS handshake', `${endpoint.tls} with a certificate ${trust}`, outcome.message, false);
    return makeCheck(IMAP_CHECKS.tls, requirements, startedAt, {
      criteria: criteria.items,
      evidence,
      status: isTls ? 'failed' : 'error',
      error: { code: outcome.code, message: outcome.message },
    });
  }
  if (endpoint.tls === 'starttls') {
    const offered = outcome.capabilitiesBeforeTls?.includes('STARTTLS') ?? false;
    criteria.add('STARTTLS advertised before login', 'STARTTLS in the pre-TLS CAPABILITY', offered ? 'advertised' : 'not advertised', offered);
  }
  const tls = outcome.tls;
  criteria.add('TLS established', 'TLSv1.2 or newer', tls ? `${tls.version} ${tls.standardName ?? tls.name}` : 'no TLS', !!tls && /TLSv1\.[23]/.test(tls.version));
  criteria.add('certificate verified', trust, tls && tls.authorized ? 'verified' : 'not verified', !!tls && tls.authorized === true);
  if (outcome.certificateValidTo) {
    const daysLeft = Math.floor((outcome.certificateValidTo.getTime() - Date.now()) / 86_400_000);
    // A certificate that lapses within two weeks of go-live is a finding, not a footnote.
    criteria.add('certificate validity', `at least ${MIN_CERTIFICATE_DAYS} days left`, `${daysLeft} days (until ${outcome.certificateValidTo.toISOString().slice(0, 10)})`, daysLeft >= MIN_CERTIFICATE_DAYS);
  }
  return makeCheck(IMAP_CHECKS.tls, requirements, startedAt, { criteria: criteria.items, evidence });
}

/** Required and recommended capabilities must be advertised after login; the rest is reported. */
export function capabilitiesCheck(matrix: CapabilityMatrix, requirements: RequirementMap, startedAt: number, evidence: Evidence[]): CheckResult {
  const criteria = new Criteria();
  for (const row of matrix.rows) {
    if (!row.blocking) continue;
    const measured = row.afterLogin ? 'advertised' : `missing: ${row.impact}`;
    criteria.add(row.name, `advertised after login (${row.level})`, measured, row.afterLogin);
  }
  for (const row of matrix.rows) {
    if (row.blocking || row.afterLogin) continue;
    // Not a verdict: the report shows what the customer loses.
    criteria.add(row.name, `optional (${row.level})`, `missing: ${row.impact}`, true);
  }
  return makeCheck(IMAP_CHECKS.capabilities, requirements, startedAt, { criteria: criteria.items, evidence });
}
