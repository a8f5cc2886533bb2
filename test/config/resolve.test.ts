import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.ts';
import { EXIT, SignoffError } from '../../src/errors.ts';
import { LOAD_ITEM, STAGING_TARGET, tempProject } from './temp-project.ts';

async function failure(promise: Promise<unknown>): Promise<SignoffError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignoffError) return error;
    throw error;
  }
  throw new Error('expected a SignoffError');
}

const suite = (body: string) => `export default { name: 'nightly', title: 'Nightly', requirements: ['REQ-LOAD-01'], ${body} };\n`;

describe('resolveConfig', () => {
  it('turns a valid config and suite into an ordered plan with defaults applied', async () => {
    const dir = tempProject({
      'signoff.config.ts': `export default { targets: { staging: ${STAGING_TARGET} }, defaultTarget: 'staging' };\n`,
      'suites/nightly.ts': suite(`load: [${LOAD_ITEM}]`),
    });
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') });
    expect(plan.target).toMatchObject({ kind: 'remote', name: 'staging', config: { apiPath: '/ajax', uiPath: '/appsuite/', allowLoad: true, nodes: [] } });
    expect(plan.tasks.map((t) => t.id)).toEqual(['load.webmail']);
    expect(plan.tasks[0]).toMatchObject({ profileName: 'agreed', profile: { vus: 20 }, scenarioFile: path.join(dir, 'scenarios/webmail-user.ts') });
    expect(plan.requirements).toEqual([{ id: 'REQ-LOAD-01', title: 'Peak load with p95 < 1 s', verification: 'signoff load run', responsible: 'provider', due: '2025-05-30' }]);
    expect(plan.deadlineMs).toBe(3_600_000);
  });

  it('starts a sandbox first and uses the suite\'s sandbox profile there', async () => {
    const dir = tempProject({ 'signoff.config.ts': 'export default {};\n', 'suites/nightly.ts': suite(`load: [${LOAD_ITEM}]`) });
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') });
    expect(plan.tasks.map((t) => t.id)).toEqual(['sandbox', 'load.webmail']);
    expect(plan.tasks[1]).toMatchObject({ profileName: 'sandbox', profile: { vus: 10, duration: '30s' } });
  });

  it('picks a named profile with --profile and refuses one an item does not offer', async () => {
    const dir = tempProject({ 'signoff.config.ts': 'export default {};\n', 'suites/nightly.ts': suite(`load: [${LOAD_ITEM}]`) });
    const files = { configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') };
    const plan = await resolveConfig({ ...files, overrides: { profileName: 'smoke' } });
    expect(plan.tasks[1]).toMatchObject({ profileName: 'smoke', profile: { kind: 'smoke', vus: 1 } });
    const error = await failure(resolveConfig({ ...files, overrides: { profileName: 'huge' } }));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('has no profile "huge"; it has: agreed, sandbox, smoke');
  });

  it('names the file and the path of a mistyped key in the config', async () => {
    const dir = tempProject({
      'signoff.config.ts': `export default { targets: { staging: { baseUrl: 'https://ox.example.com', alowLoad: true } } };\n`,
      'suites/nightly.ts': suite(''),
    });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toBe(`${path.join(dir, 'signoff.config.ts')}: targets.staging.alowLoad: unknown key "alowLoad" (not part of the schema; a typo?)`);
  });

  it('refuses an inline password in the config', async () => {
    const dir = tempProject({
      'signoff.config.ts': `export default { targets: { staging: { baseUrl: 'https://ox.example.com', accounts: { file: 'a.csv', password: 'secret' } } } };\n`,
      'suites/nightly.ts': suite(''),
    });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') }));
    expect(error.message).toContain('targets.staging.accounts.password: unknown key "password"');
    expect(error.message).not.toContain('secret');
  });

  it('names load[i].slos[j] when an SLO sentence does not parse', async () => {
    const item = LOAD_ITEM.replace("'* errorRate < 1%'", "'x p95 < 3'");
    const dir = tempProject({ 'signoff.config.ts': 'export default {};\n', 'suites/approval.ts': suite(`load: [${item}]`) });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/approval.ts') }));
    expect(error.code).toBe('SUITE_INVALID');
    expect(error.message).toMatch(new RegExp(`^${path.join(dir, 'suites/approval.ts')}: load\\[0\\]\\.slos\\[1\\]: "x p95 < 3": a latency needs a unit`));
  });

  it('rejects an unknown scenario and lists the known ones', async () => {
    const item = LOAD_ITEM.replace("scenario: 'webmail-user'", "scenario: 'webmial-user'");
    const dir = tempProject({ 'signoff.config.ts': 'export default {};\n', 'suites/nightly.ts': suite(`load: [${item}]`) });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') }));
    expect(error.code).toBe('SUITE_INVALID');
    expect(error.message).toContain('load[0].scenario: no scenario "webmial-user"');
    expect(error.message).toContain('known: webmail-user');
  });

  it('refuses load on a target without allowLoad, as a usage error (exit 2)', async () => {
    const dir = tempProject({
      'signoff.config.ts': `export default { targets: { prod: { baseUrl: 'https://ox.example.com' } } };\n`,
      'suites/nightly.ts': suite(`load: [${LOAD_ITEM}]`),
    });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts'), overrides: { targetName: 'prod' } }));
    expect(error.code).toBe('LOAD_NOT_ALLOWED');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('targets.prod.allowLoad');
  });

  it('rejects a requirement id that is not in the catalogue, and an item proving a requirement the suite does not list', async () => {
    const dir = tempProject({
      'signoff.config.ts': 'export default {};\n',
      'suites/a.ts': `export default { name: 'a', title: 'A', requirements: ['REQ-NOPE-01'] };\n`,
      'suites/b.ts': `export default { name: 'b', title: 'B', load: [${LOAD_ITEM}] };\n`,
    });
    const config = path.join(dir, 'signoff.config.ts');
    const a = await failure(resolveConfig({ configFile: config, suiteFile: path.join(dir, 'suites/a.ts') }));
    expect(a.message).toContain('requirements[0]: "REQ-NOPE-01" is not in');
    const b = await failure(resolveConfig({ configFile: config, suiteFile: path.join(dir, 'suites/b.ts') }));
    expect(b.message).toContain(`load[0].requirementIds[0]: "REQ-LOAD-01" is not among the suite's requirements`);
  });

  it('names an unknown target and lists the known ones', async () => {
    const dir = tempProject({ 'signoff.config.ts': `export default { targets: { staging: ${STAGING_TARGET} } };\n`, 'suites/nightly.ts': suite('') });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts'), overrides: { targetName: 'stagin' } }));
    expect(error.message).toContain('no target "stagin"; known: sandbox, sandbox:<name>, staging');
  });

  it('names the file and the path of a mistyped key in a probe slot', async () => {
    const dir = tempProject({ 'signoff.config.ts': 'export default {};\n', 'suites/nightly.ts': suite(`probes: { imap: { acounts: 3, requirementIds: ['REQ-LOAD-01'] } }`) });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') }));
    expect(error.code).toBe('SUITE_INVALID');
    expect(error.message).toBe(`${path.join(dir, 'suites/nightly.ts')}: probes.imap.acounts: unknown key "acounts" (not part of the schema; a typo?)`);
  });

  it('names a misspelt check in a per-check requirement mapping and an unknown family slot', async () => {
    const dir = tempProject({
      'signoff.config.ts': 'export default {};\n',
      'suites/a.ts': suite(`probes: { ldap: { requirementIds: { bnid: ['REQ-LOAD-01'] } } }`),
      'suites/b.ts': suite(`probes: { smtp: {} }`),
    });
    const a = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/a.ts') }));
    expect(a.message).toContain('probes.ldap.requirementIds.bnid: unknown key "bnid"');
    const b = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/b.ts') }));
    expect(b.message).toContain('probes.smtp: unknown key "smtp"');
  });

  it('rejects a requirement id in a probe, check or GUI slot that the suite does not list', async () => {
    const dir = tempProject({
      'signoff.config.ts': 'export default {};\n',
      'suites/nightly.ts': suite(`probes: { imap: { requirementIds: ['REQ-IMAP-09'] } }, checks: { api: { requirementIds: { 'password-change': ['REQ-PWD-09'] } } }, gui: { requirementIds: { branding: ['REQ-LOAD-01', 'REQ-BRAND-09'] } }`),
      'fixtures/migration/a.vcf': 'BEGIN:VCARD\nEND:VCARD\n',
    });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') }));
    expect(error.code).toBe('SUITE_INVALID');
    expect(error.message.split('\n')).toEqual([
      `${path.join(dir, 'suites/nightly.ts')}: probes.imap.requirementIds[0]: "REQ-IMAP-09" is not among the suite's requirements`,
      `${path.join(dir, 'suites/nightly.ts')}: checks.api.requirementIds.password-change[0]: "REQ-PWD-09" is not among the suite's requirements`,
      `${path.join(dir, 'suites/nightly.ts')}: gui.requirementIds.branding[1]: "REQ-BRAND-09" is not among the suite's requirements`,
    ]);
  });

  it('rejects a migration file the API slot names that is not in its folder', async () => {
    const dir = tempProject({
      'signoff.config.ts': 'export default {};\n',
      'suites/nightly.ts': suite(`checks: { api: { migrationDir: 'fixtures/migration', files: ['contacts.vcf', 'missing.ics'] } }`),
      'fixtures/migration/contacts.vcf': 'BEGIN:VCARD\nEND:VCARD\n',
    });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') }));
    expect(error.message).toBe(`${path.join(dir, 'suites/nightly.ts')}: checks.api.files[1]: "missing.ics" is not in fixtures/migration`);
  });

  it('requires a configured target to describe the backends the suite probes', async () => {
    const dir = tempProject({
      'signoff.config.ts': `export default { targets: { staging: { baseUrl: 'https://ox.example.com' } } };\n`,
      'suites/nightly.ts': suite(`probes: { ldap: {}, imap: {} }`),
    });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts'), overrides: { targetName: 'staging' } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('signoff.config.ts: targets.staging.ldap: missing; probes.ldap needs { url, baseDn, … }');
    expect(error.message).toContain('targets.staging.imap: missing');
    expect(error.message).toContain('targets.staging.accounts: missing');
  });

  it('accepts a configured target with LDAP bindOnly per context, StartTLS and a search filter, and refuses StartTLS on ldaps://', async () => {
    const ldap = `{ url: 'ldap://ldap.acme.example', startTls: true, baseDn: 'dc=acme', contextBaseDn: 'ou=ctx{context},ou=people,dc=acme', searchFilter: '(objectClass=inetOrgPerson)' }`;
    const dir = tempProject({
      'signoff.config.ts': `export default { targets: { staging: { baseUrl: 'https://ox.example.com', ldap: ${ldap} } } };\n`,
      'broken.config.ts': `export default { targets: { broken: { baseUrl: 'https://ox.example.com', ldap: { url: 'ldaps://ldap.acme.example', startTls: true, baseDn: 'dc=acme' } } } };\n`,
      'suites/nightly.ts': suite(''),
    });
    const suiteFile = path.join(dir, 'suites/nightly.ts');
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile, overrides: { targetName: 'staging' } });
    expect(plan.target).toMatchObject({ kind: 'remote', config: { ldap: { startTls: true, uidAttribute: 'uid', contextBaseDn: 'ou=ctx{context},ou=people,dc=acme' } } });
    const error = await failure(resolveConfig({ configFile: path.join(dir, 'broken.config.ts'), suiteFile }));
    expect(error.message).toContain('targets.broken.ldap.startTls: startTls applies to ldap:// URLs');
  });

  it('resolves the project\'s own nightly and approval suites', async () => {
    for (const suiteFile of ['suites/nightly.ts', 'suites/approval.ts']) {
      const plan = await resolveConfig({ configFile: 'signoff.config.ts', suiteFile });
      expect(plan.tasks[0]?.kind).toBe('sandbox');
      expect(plan.tasks[1]).toMatchObject({ kind: 'load', profileName: 'sandbox' });
      expect(plan.suite.probes.ldap?.requirementIds).toEqual(['REQ-LDAP-01']);
      expect(plan.suite.probes.imap?.requirementIds).toEqual(['REQ-IMAP-01']);
    }
  });
});
