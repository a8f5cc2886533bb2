/** The LDAP authentication probe (check family `ldap`). */
export { LDAP_CHECKS, runLdapProbe, type LdapAuthMode, type LdapModeOutcome, type LdapProbeInput, type LdapProbeResult, type LdapSummary } from './probe.ts';
export { splitOxLogin, bindOnlyDn, userSearchFilter, type OxLogin } from './login.ts';
