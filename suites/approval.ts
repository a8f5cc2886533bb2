/**
 * The approval run: every check family — LDAP and IMAP probes, all migrated
 * accounts, API round-trips over the whole migration set, GUI smoke and
 * branding on desktop and mobile — then the load that was agreed with the
 * customer, with one SLO per user action, stickiness and balance across the cluster. On the sandbox
 * it runs a short version of the same profile (`--profile agreed` forces the
 * full one).
 */
import { defineSuite } from '../src/config/suite.ts';

export default defineSuite({
  name: 'approval',
  title: 'Acceptance test before go-live',
  requirements: [
    'REQ-LOAD-01',
    'REQ-LOAD-02',
    'REQ-LOAD-03',
    'REQ-CLUS-01',
    'REQ-CLUS-02',
    'REQ-CLUS-03',
    'REQ-IMAP-01',
    'REQ-LDAP-01',
    'REQ-ACC-01',
    'REQ-PWD-01',
    'REQ-BRAND-01',
    'REQ-GUI-01',
    'REQ-MIG-01',
    'REQ-MON-01',
    'REQ-PROT-01',
  ],
  probes: {
    ldap: { mode: 'auto', requiredAttributes: ['mail', 'uid', 'displayName'], requirementIds: ['REQ-LDAP-01'] },
    imap: { accounts: 5, parallelSessions: 20, requirementIds: ['REQ-IMAP-01'] },
  },
  checks: {
    // The 50 fixture accounts on the sandbox; a customer target verifies its own accounts file.
    accounts: { concurrency: 32, requirementIds: ['REQ-ACC-01'] },
    api: {
      migrationDir: 'fixtures/migration',
      requirementIds: { 'vcard-roundtrip': ['REQ-MIG-01'], 'ical-roundtrip': ['REQ-MIG-01'], 'password-change': ['REQ-PWD-01'], 'mail-delivery': ['REQ-LDAP-01'] },
    },
  },
  gui: {
    projects: ['desktop', 'mobile'],
    brand: 'fixtures/brand/acme',
    selectorSet: '7.10', // the App Suite UI generation of the target; the sandbox serves 7.10
    requirementIds: { smoke: ['REQ-GUI-01'], branding: ['REQ-BRAND-01'] },
  },
  load: [
    {
      id: 'peak',
      scenario: 'mixed-day',
      // Agreed: ramp to 2,000 concurrent sessions, hold them for 30 minutes.
      profile: {
        kind: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '10m', target: 2000 },
          { duration: '30m', target: 2000 },
          { duration: '5m', target: 0 },
        ],
      },
      profiles: {
        sandbox: { kind: 'load', vus: 50, duration: '60s' },
        smoke: { kind: 'smoke', vus: 2, duration: '30s' },
      },
      slos: [
        // login carries the UI's rampup (folders, settings, server config), as the 7.10 UI logs in.
        'login p95 < 2s',
        'mail.threadedAll p95 < 1s',
        'mail.get p95 < 1s',
        'mail.compose.send p95 < 1500ms',
        'chronos.all p95 < 1s',
        'contacts.all p95 < 1s',
        'files.all p95 < 1s',
        '* p99 < 3s',
        '* errorRate < 1%',
        '* sessionLost == 0',
      ],
      requirementIds: ['REQ-LOAD-01', 'REQ-LOAD-02'],
      stickiness: { requirementIds: ['REQ-CLUS-01'] },
      balance: { maxDeviation: 0.2, requirementIds: ['REQ-CLUS-02'] },
      apdexT: 500,
    },
  ],
});
