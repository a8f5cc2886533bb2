/**
 * Nightly CI: the quick protocol probes (LDAP, IMAP), API round-trips with a
 * short migration set, and a short load of webmail users on the sandbox (or a
 * staging target), with the SLOs the approval run uses, so a regression shows
 * up the morning after, not at the approval.
 */
import { defineSuite } from '../src/config/suite.ts';

export default defineSuite({
  name: 'nightly',
  title: 'Nightly regression: probes, API round-trips, webmail load',
  requirements: ['REQ-LOAD-01', 'REQ-LOAD-02', 'REQ-CLUS-01', 'REQ-IMAP-01', 'REQ-LDAP-01', 'REQ-MIG-01', 'REQ-PWD-01'],
  probes: {
    ldap: { mode: 'auto', requirementIds: ['REQ-LDAP-01'] },
    imap: { accounts: 3, parallelSessions: 10, requirementIds: ['REQ-IMAP-01'] },
  },
  checks: {
    api: {
      migrationDir: 'fixtures/migration',
      // One vCard and one iCal file: enough to catch a broken import or export overnight.
      files: ['contacts-vcard30.vcf', 'events.ics'],
      requirementIds: { 'vcard-roundtrip': ['REQ-MIG-01'], 'ical-roundtrip': ['REQ-MIG-01'], 'password-change': ['REQ-PWD-01'], 'mail-delivery': ['REQ-LDAP-01'] },
    },
  },
  load: [
    {
      id: 'webmail',
      scenario: 'webmail-user',
      // About 20 concurrent webmail sessions for a minute.
      profile: { kind: 'load', vus: 20, duration: '1m' },
      // The sandbox is one small machine shared with k6: keep the demo quick.
      profiles: { sandbox: { kind: 'load', vus: 10, duration: '30s' } },
      slos: ['login p95 < 2s', 'mail.threadedAll p95 < 1s', 'mail.all p95 < 1s', 'mail.get p95 < 1s', 'mail.compose.send p95 < 1500ms', '* errorRate < 1%', '* sessionLost == 0'],
      requirementIds: ['REQ-LOAD-01', 'REQ-LOAD-02'],
      stickiness: { requirementIds: ['REQ-CLUS-01'] },
      apdexT: 500,
    },
  ],
});
