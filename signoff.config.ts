/**
 * The project: who the deployment is for, where it runs, who signs.
 * Without `--target`, runs go to the built-in sandbox, started for the run.
 */
import { defineConfig } from './src/config/config.ts';

export default defineConfig({
  project: {
    customer: 'ACME Corp',
    project: 'ACME App Suite go-live',
    provider: 'Example Hosting GmbH',
  },
  signatories: [
    { name: 'Dana Decker', role: 'Head of IT operations', organisation: 'ACME Corp', side: 'customer' },
    { name: 'Paul Prager', role: 'Project lead', organisation: 'Example Hosting GmbH', side: 'provider' },
  ],
  defaultTarget: 'sandbox',
  requirementsFile: 'fixtures/requirements.csv',
  deadline: '1h',
  // The sandbox protocol is signed with a generated demo key, visibly marked
  // "demo signature — not for sign-off". For the real approval use the
  // provider's key: { p12File: 'keys/provider.p12', passphraseEnv: 'SIGNOFF_P12_PASSPHRASE' }.
  protocol: { signing: 'demo' },
  targets: {
    // A customer deployment; passwords come from the environment or a file, never from here.
    // staging: {
    //   baseUrl: 'https://ox-staging.acme.example',
    //   caFile: 'certs/acme-staging-ca.pem',
    //   allowLoad: true, // agreed with ACME for the approval window only
    //   imap: { host: 'imap-staging.acme.example', port: 993, tls: 'implicit' },
    //   ldap: {
    //     url: 'ldap://ldap-staging.acme.example',
    //     startTls: true,
    //     baseDn: 'ou=people,dc=acme,dc=example',
    //     // bindOnly: one OU per context; or searchFilter: '(objectClass=inetOrgPerson)' for search mode
    //     contextBaseDn: 'ou=ctx{context},ou=people,dc=acme,dc=example',
    //     uidAttribute: 'uid',
    //   },
    //   brand: 'fixtures/brand/acme', // what the GUI branding checks expect
    //   nodes: [
    //     // metricsAuth when OX protects /metrics (com.openexchange.metrics.micrometer.basicauth.*):
    //     // the password only ever named, by passwordEnv or passwordFile
    //     { route: 'OX1', url: 'https://ox1-staging.acme.example', metricsAuth: { username: 'metrics', passwordEnv: 'ACME_METRICS_PASSWORD' } },
    //     { route: 'OX2', url: 'https://ox2-staging.acme.example', metricsAuth: { username: 'metrics', passwordEnv: 'ACME_METRICS_PASSWORD' } },
    //   ],
    //   accounts: { file: 'fixtures/acme-staging-accounts.csv', passwordEnv: 'ACME_STAGING_PASSWORD' },
    // },
  },
});
