/**
 * The rows of the bad-input campaign (test/cli/bad-input-campaign.test.ts):
 * one malformed input each, with the exit code, the error code and the place
 * the message must name. PLANTED is a password every row may carry somewhere
 * (a CSV column, an environment variable, a URL); it must never come back.
 */
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PLANTED = 'Campaign-Secret-4711!';

export interface Ctx {
  /** The row's own project folder (the command's working directory). */
  dir: string;
  /** A signed run folder, shared: rows that change one copy it first (setup). */
  signedRun: string;
  keyDir: string;
}

export interface Row {
  group: string;
  name: string;
  files?: Record<string, string>;
  setup?: (ctx: Ctx) => void;
  args: (ctx: Ctx) => string[];
  env?: Record<string, string>;
  exit: number;
  code: string;
  where?: string | RegExp;
}

const REQ = 'REQ-API-01';
const CUSTOM = `{ id: 'c', title: 'C', family: 'api', requirementIds: ['${REQ}'], run: async () => ({ criteria: [] }) }`;
const suite = (body = `custom: [${CUSTOM}]`, requirements = `['${REQ}']`) => `export default { name: 's', title: 'S', requirements: ${requirements}, ${body} };\n`;
const SUITE = suite();
const BASE_URL = `baseUrl: 'https://127.0.0.1:9'`;
const config = (target = '', rest = '') => `export default { defaultTarget: 'prod', targets: { prod: { ${BASE_URL}${target ? `, ${target}` : ''} } }${rest} };\n`;
const HEADER = 'contextid,username,displayname,givenname,surname,password,email';
const GOOD_CSV = `${HEADER}\n1,anna,Anna A,Anna,A,${PLANTED},anna@example.test\n`;
const ACCOUNTS = `accounts: { file: 'accounts.csv', passwordEnv: 'SIGNOFF_CAMPAIGN_PASSWORD' }`;
const LOAD_TARGET = `allowLoad: true, ${ACCOUNTS}`;
const LOAD = (extra = '', profile = `{ kind: 'smoke', vus: 1, duration: '5s' }`) => `load: [{ id: 'l', scenario: 'webmail-user', profile: ${profile}, requirementIds: ['${REQ}']${extra} }]`;
const RUN = ['run', 'suites/s.ts', '--config', 'signoff.config.ts', '--out', 'runs'];
const run = (...more: string[]) => () => [...RUN, ...more];

function configRow(name: string, target: string, code: string, where: string | RegExp, options: { rest?: string; files?: Record<string, string>; env?: Record<string, string>; exit?: number } = {}): Row {
  return {
    group: 'config',
    name: `config: ${name}`,
    files: { 'signoff.config.ts': config(target, options.rest), 'suites/s.ts': SUITE, 'accounts.csv': GOOD_CSV, ...options.files },
    args: run(),
    ...(options.env ? { env: options.env } : {}),
    exit: options.exit ?? 2,
    code,
    where,
  };
}

function suiteRow(group: string, name: string, body: string, code: string, where: string | RegExp, options: { target?: string; files?: Record<string, string>; requirements?: string; exit?: number; args?: string[] } = {}): Row {
  return {
    group,
    name: `${group}: ${name}`,
    files: { 'signoff.config.ts': config(options.target ?? LOAD_TARGET), 'suites/s.ts': suite(body, options.requirements), 'accounts.csv': GOOD_CSV, ...options.files },
    args: run(...(options.args ?? [])),
    exit: options.exit ?? 2,
    code,
    where,
  };
}

function accountsRow(name: string, csv: string, where: string | RegExp): Row {
  return configRow(`accounts CSV ${name}`, ACCOUNTS, 'ACCOUNTS_INVALID', where, { files: { 'accounts.csv': csv } });
}

const CONFIG_ROWS: Row[] = [
  configRow('typo in a target key', `baseUrll: 'x'`, 'CONFIG_INVALID', 'targets.prod.baseUrll: unknown key'),
  { ...configRow('baseUrl not a URL', '', 'CONFIG_INVALID', 'targets.prod.baseUrl'), files: { 'signoff.config.ts': `export default { defaultTarget: 'prod', targets: { prod: { baseUrl: 'ox.example.test' } } };\n`, 'suites/s.ts': SUITE } },
  { ...configRow('baseUrl with ftp', '', 'CONFIG_INVALID', 'targets.prod.baseUrl'), files: { 'signoff.config.ts': `export default { defaultTarget: 'prod', targets: { prod: { baseUrl: 'ftp://ox.example.test' } } };\n`, 'suites/s.ts': SUITE } },
  {
    ...configRow('baseUrl carrying user:password@', '', 'CONFIG_INVALID', 'targets.prod.baseUrl'),
    files: { 'signoff.config.ts': `export default { defaultTarget: 'prod', targets: { prod: { baseUrl: 'https://admin:${PLANTED}@ox.example.test' } } };\n`, 'suites/s.ts': SUITE },
  },
  configRow('relative apiPath', `apiPath: 'ajax'`, 'CONFIG_INVALID', 'targets.prod.apiPath'),
  configRow('IMAP port out of range', `imap: { host: 'h', port: 70000, tls: 'starttls' }`, 'CONFIG_INVALID', 'targets.prod.imap.port'),
  configRow('IMAP without TLS', `imap: { host: 'h', port: 143, tls: 'none' }`, 'CONFIG_INVALID', 'targets.prod.imap.tls'),
  configRow('LDAP URL over http', `ldap: { url: 'http://ldap', baseDn: 'dc=x' }`, 'CONFIG_INVALID', 'targets.prod.ldap.url'),
  configRow('StartTLS on ldaps://', `ldap: { url: 'ldaps://ldap', startTls: true, baseDn: 'dc=x' }`, 'CONFIG_INVALID', 'targets.prod.ldap.startTls'),
  configRow('a password typed into passwordEnv', `accounts: { file: 'accounts.csv', passwordEnv: '${PLANTED}' }`, 'CONFIG_INVALID', 'targets.prod.accounts.passwordEnv'),
  configRow('passwordEnv and passwordFile', `accounts: { file: 'accounts.csv', passwordEnv: 'A', passwordFile: 'p.txt' }`, 'CONFIG_INVALID', 'targets.prod.accounts'),
  configRow('an inline metrics password', `nodes: [{ route: 'OX1', url: 'http://ox1:8009', metricsAuth: { username: 'm', password: '${PLANTED}' } }]`, 'CONFIG_INVALID', 'metricsAuth.password'),
  configRow('metrics auth without a password source', `nodes: [{ route: 'OX1', url: 'http://ox1:8009', metricsAuth: { username: 'm' } }]`, 'CONFIG_INVALID', 'targets.prod.nodes[0].metricsAuth'),
  configRow('a node URL that is none', `nodes: [{ route: 'OX1', url: 'ox1' }]`, 'CONFIG_INVALID', 'targets.prod.nodes[0].url'),
  { ...configRow('defaultTarget names no target', '', 'CONFIG_INVALID', 'defaultTarget'), files: { 'signoff.config.ts': `export default { defaultTarget: 'staging', targets: { prod: { ${BASE_URL} } } };\n`, 'suites/s.ts': SUITE } },
  { ...configRow('a target name in capitals', '', 'CONFIG_INVALID', 'targets'), files: { 'signoff.config.ts': `export default { targets: { Prod: { ${BASE_URL} } } };\n`, 'suites/s.ts': SUITE } },
  { ...configRow('a target named sandbox', '', 'CONFIG_INVALID', 'built in'), files: { 'signoff.config.ts': `export default { targets: { sandbox: { ${BASE_URL} } } };\n`, 'suites/s.ts': SUITE } },
  configRow('a deadline that is no duration', '', 'CONFIG_INVALID', 'deadline', { rest: `, deadline: 'soon'` }),
  configRow('signing with two passphrase sources', '', 'CONFIG_INVALID', 'protocol.signing', { rest: `, protocol: { signing: { p12File: 'k.p12', passphraseEnv: 'A', passphraseFile: 'b' } }` }),
  configRow('a signatory of an unknown side', '', 'CONFIG_INVALID', 'signatories[0].side', { rest: `, signatories: [{ name: 'A', role: 'B', organisation: 'C', side: 'vendor' }]` }),
  configRow('an empty customer name', '', 'CONFIG_INVALID', 'project', { rest: `, project: { customer: '', project: 'p', provider: 'q' }` }),
  { ...configRow('a syntax error', '', 'CONFIG_INVALID', /signoff\.config\.ts:1:\d+/), files: { 'signoff.config.ts': `export default { targets: { prod: { ${BASE_URL} } } }));\n`, 'suites/s.ts': SUITE } },
  { ...configRow('an exception while loading', '', 'CONFIG_INVALID', /signoff\.config\.ts:2:\d+/), files: { 'signoff.config.ts': `const x = 1;\nthrow new Error('no config today');\nexport default x;\n`, 'suites/s.ts': SUITE } },
  { ...configRow('no default export', '', 'CONFIG_INVALID', 'expected a default export'), files: { 'signoff.config.ts': `export const config = {};\n`, 'suites/s.ts': SUITE } },
  { ...configRow('a config file that does not exist', '', 'CONFIG_INVALID', 'nope.ts: file not found'), args: () => ['run', 'suites/s.ts', '--config', 'nope.ts', '--out', 'runs'] },
  configRow('caFile missing', `caFile: 'ca.pem'`, 'CONFIG_INVALID', 'targets.prod.caFile: cannot read'),
  configRow('caFile not a PEM certificate', `caFile: 'ca.pem'`, 'CONFIG_INVALID', 'is not a PEM certificate', { files: { 'ca.pem': `-----BEGIN CERTIFICATE-----\n${PLANTED}\n-----END CERTIFICATE-----\n` } }),
  configRow('the accounts password variable unset', `accounts: { file: 'accounts.csv', passwordEnv: 'SIGNOFF_CAMPAIGN_UNSET' }`, 'ACCOUNTS_INVALID', 'accounts.passwordEnv: the environment variable SIGNOFF_CAMPAIGN_UNSET is not set'),
  configRow('the accounts password file missing', `accounts: { file: 'accounts.csv', passwordFile: 'missing.txt' }`, 'ACCOUNTS_INVALID', 'accounts.passwordFile: cannot read'),
  configRow('the accounts password file empty', `accounts: { file: 'accounts.csv', passwordFile: 'empty.txt' }`, 'ACCOUNTS_INVALID', 'is empty', { files: { 'empty.txt': '\n' } }),
  configRow('the LDAP service password unset', `ldap: { url: 'ldap://127.0.0.1:9', baseDn: 'dc=x', bind: { dn: 'cn=admin', passwordEnv: 'SIGNOFF_CAMPAIGN_UNSET' } }`, 'CONFIG_INVALID', 'ldap.bind.passwordEnv'),
  configRow('the metrics password unset', `nodes: [{ route: 'OX1', url: 'http://127.0.0.1:9', metricsAuth: { username: 'm', passwordEnv: 'SIGNOFF_CAMPAIGN_UNSET' } }]`, 'CONFIG_INVALID', 'metricsAuth.passwordEnv'),
  configRow('a signing key that does not exist', '', 'CONFIG_INVALID', 'protocol.signing.p12File: cannot read', { rest: `, protocol: { signing: { p12File: 'missing.p12', passphraseEnv: 'SIGNOFF_CAMPAIGN_PASSWORD' } }` }),
  configRow('a signing passphrase variable unset', '', 'CONFIG_INVALID', 'protocol.signing.passphraseEnv', { rest: `, protocol: { signing: { p12File: 'k.p12', passphraseEnv: 'SIGNOFF_CAMPAIGN_UNSET' } }`, files: { 'k.p12': 'x' } }),
  {
    ...configRow('a signing passphrase that is wrong', '', 'CONFIG_INVALID', 'protocol.signing: cannot open the PKCS#12 key store', { rest: `, protocol: { signing: { p12File: 'k.p12', passphraseEnv: 'SIGNOFF_CAMPAIGN_PASSWORD' } }` }),
    setup: (ctx) => copyFileSync(path.join(ctx.keyDir, 'demo-signing.p12'), path.join(ctx.dir, 'k.p12')),
  },
  configRow('a target brand folder without brand.json', `brand: 'brand'`, 'CONFIG_INVALID', 'cannot read the brand spec', { files: { 'brand/logo.svg': '<svg/>' } }),
  configRow('an unknown top-level key', '', 'CONFIG_INVALID', 'signatorys: unknown key', { rest: `, signatorys: []` }),
];

const ACCOUNT_ROWS: Row[] = [
  accountsRow('with password and e-mail swapped', `${HEADER}\n1,anna,Anna A,Anna,A,anna@example.test,${PLANTED}\n`, 'accounts.csv:2: column "email"'),
  accountsRow('with a context id that is no number', `${HEADER}\nx,anna,Anna A,Anna,A,${PLANTED},anna@example.test\n`, 'accounts.csv:2: column "contextid"'),
  accountsRow('without an e-mail column', 'contextid,username,displayname,givenname,surname,password\n1,anna,Anna A,Anna,A,x\n', 'accounts.csv:1: header lacks column(s) "email"'),
  accountsRow('with a broken quote around the password', `${HEADER}\n1,anna,Anna A,Anna,A,"${PLANTED}" x,anna@example.test\n`, /accounts\.csv:2: not valid CSV/),
  accountsRow('with a duplicate login', `${HEADER}\n1,anna,Anna A,Anna,A,${PLANTED},anna@example.test\n1,anna,Anna B,Anna,B,${PLANTED},annab@example.test\n`, 'duplicate login anna@1'),
  accountsRow('that is empty', '', 'accounts.csv:1: empty file'),
  accountsRow('with a short row', `${HEADER}\n1,anna,Anna A,Anna,${PLANTED}\n`, 'accounts.csv:2: column "*": expected 7 fields'),
  accountsRow('with a user name holding a space', `${HEADER}\n1,anna smith,Anna A,Anna,A,${PLANTED},anna@example.test\n`, 'accounts.csv:2: column "username"'),
  accountsRow('with a quota that is no number', `${HEADER},quota\n1,anna,Anna A,Anna,A,${PLANTED},anna@example.test,lots\n`, 'accounts.csv:2: column "quota"'),
  accountsRow('with an empty display name', `${HEADER}\n1,anna,,Anna,A,${PLANTED},anna@example.test\n`, 'accounts.csv:2: column "displayname"'),
  configRow('accounts CSV missing', ACCOUNTS, 'ACCOUNTS_INVALID', 'accounts.csv: cannot read the accounts file', { files: { 'accounts.csv': '' } }),
  configRow('an account without any password', `accounts: { file: 'plain.csv' }`, 'ACCOUNTS_INVALID', 'plain.csv:2: no password for anna@1', {
    files: { 'plain.csv': 'contextid,username,displayname,givenname,surname,email\n1,anna,Anna A,Anna,A,anna@example.test\n' },
  }),
  suiteRow('accounts', 'a suite accounts CSV that is no CSV', `checks: { accounts: { csv: 'verify.csv', requirementIds: ['${REQ}'] } }`, 'ACCOUNTS_INVALID', /verify\.csv:2: not valid CSV/, {
    target: `${ACCOUNTS}, imap: { host: '127.0.0.1', port: 9, tls: 'starttls' }`,
    files: { 'verify.csv': `${HEADER}\n1,anna,Anna A,Anna,A,"${PLANTED}" x,anna@example.test\n` },
  }),
  suiteRow('accounts', 'a suite accounts CSV that does not exist', `checks: { accounts: { csv: 'nope.csv', requirementIds: ['${REQ}'] } }`, 'SUITE_INVALID', 'checks.accounts.csv: "nope.csv" does not exist', {
    target: `${ACCOUNTS}, imap: { host: '127.0.0.1', port: 9, tls: 'starttls' }`,
  }),
];
// The missing-file row: its config names the CSV, the file itself is absent.
delete ACCOUNT_ROWS[10]!.files!['accounts.csv'];

const SUITE_ROWS: Row[] = [
  suiteRow('suite', 'an unknown top-level key', `custm: []`, 'SUITE_INVALID', 'suites/s.ts: custm: unknown key'),
  { ...suiteRow('suite', 'no name', '', 'SUITE_INVALID', 'suites/s.ts: name'), files: { 'signoff.config.ts': config(), 'suites/s.ts': `export default { title: 'S', requirements: [] };\n` } },
  suiteRow('suite', 'a requirement id in lower case', `custom: [${CUSTOM}]`, 'SUITE_INVALID', 'requirements[0]', { requirements: `['req-1']` }),
  suiteRow('suite', 'a requirement id not in the catalogue', `custom: [${CUSTOM}]`, 'SUITE_INVALID', 'requirements[0]: "REQ-NOPE-01" is not in', { requirements: `['REQ-NOPE-01']` }),
  suiteRow('suite', 'an item proving a requirement the suite does not list', `custom: [${CUSTOM.replace(REQ, 'REQ-LOAD-01')}]`, 'SUITE_INVALID', 'custom[0].requirementIds[0]: "REQ-LOAD-01" is not among'),
  suiteRow('suite', 'a custom check without run', `custom: [{ id: 'c', title: 'C', family: 'api' }]`, 'SUITE_INVALID', 'custom[0].run'),
  suiteRow('suite', 'a custom check of an unknown family', `custom: [{ id: 'c', title: 'C', family: 'network', run: async () => ({ criteria: [] }) }]`, 'SUITE_INVALID', 'custom[0].family'),
  suiteRow('suite', 'a load item with an unknown scenario', LOAD().replace('webmail-user', 'webmail-usr'), 'SUITE_INVALID', 'load[0].scenario: no scenario "webmail-usr"'),
  suiteRow('suite', 'an SLO that is no sentence', LOAD(`, slos: ['mail.all p95 is fast']`), 'SUITE_INVALID', 'load[0].slos[0]'),
  suiteRow('suite', 'an SLO with an unknown metric', LOAD(`, slos: ['mail.all p42 < 1s']`), 'SUITE_INVALID', 'load[0].slos[0]'),
  suiteRow('suite', 'a profile duration that is none', LOAD('', `{ kind: 'smoke', vus: 1, duration: 'forever' }`), 'SUITE_INVALID', 'load[0].profile.duration'),
  suiteRow('suite', 'an unknown profile kind', LOAD('', `{ kind: 'hammer', vus: 1, duration: '5s' }`), 'SUITE_INVALID', 'load[0].profile'),
  suiteRow('suite', 'negative VUs', LOAD('', `{ kind: 'smoke', vus: -1, duration: '5s' }`), 'SUITE_INVALID', 'load[0].profile.vus'),
  suiteRow('suite', 'a ramp without stages', LOAD('', `{ kind: 'ramping-vus', stages: [] }`), 'SUITE_INVALID', 'load[0].profile.stages'),
  suiteRow('suite', 'a negative APDEX T', LOAD(`, apdexT: -5`), 'SUITE_INVALID', 'load[0].apdexT'),
  suiteRow('suite', 'a balance deviation above 1', LOAD(`, balance: { maxDeviation: 2 }`), 'SUITE_INVALID', 'load[0].balance.maxDeviation'),
  suiteRow('suite', 'an unknown UI version', LOAD(`, ui: '9'`), 'SUITE_INVALID', 'load[0].ui'),
  suiteRow('suite', 'a retry cap of 0', LOAD(`, retryCap: 0`), 'SUITE_INVALID', 'load[0].retryCap'),
  suiteRow('suite', 'load on a target that does not allow it', LOAD(), 'LOAD_NOT_ALLOWED', 'targets.prod.allowLoad', { target: ACCOUNTS }),
  suiteRow('suite', 'load on a target without accounts', LOAD(), 'CONFIG_INVALID', 'targets.prod.accounts', { target: 'allowLoad: true' }),
  suiteRow('suite', 'an IMAP probe on a target without IMAP', `probes: { imap: { requirementIds: ['${REQ}'] } }`, 'CONFIG_INVALID', 'targets.prod.imap: missing', { target: ACCOUNTS }),
  suiteRow('suite', 'an LDAP probe on a target without LDAP', `probes: { ldap: { requirementIds: ['${REQ}'] } }`, 'CONFIG_INVALID', 'targets.prod.ldap: missing', { target: ACCOUNTS }),
  { ...suiteRow('suite', 'a syntax error', '', 'SUITE_INVALID', /suites\/s\.ts:\d+:\d+/), files: { 'signoff.config.ts': config(), 'suites/s.ts': `export default { name: 's' title: 'S' };\n` } },
  { ...suiteRow('suite', 'a suite file that does not exist', '', 'SUITE_INVALID', 'suites/nope.ts: file not found'), args: () => ['run', 'suites/nope.ts', '--config', 'signoff.config.ts', '--out', 'runs'] },
  { ...suiteRow('suite', 'no default export', '', 'SUITE_INVALID', 'expected a default export'), files: { 'signoff.config.ts': config(), 'suites/s.ts': `export const suite = {};\n` } },
  { ...suiteRow('suite', 'nothing to verify', '', 'SUITE_INVALID', 'nothing to verify'), files: { 'signoff.config.ts': config(), 'suites/s.ts': `export default { name: 's', title: 'S', requirements: [] };\n` } },
  suiteRow('suite', 'a load that lasts 0s', LOAD('', `{ kind: 'smoke', vus: 1, duration: '0s' }`), 'SUITE_INVALID', 'load[0].profile.duration: expected a duration above zero'),
  suiteRow('suite', 'an error rate above 100 %', LOAD(`, slos: ['* errorRate < 150%']`), 'SUITE_INVALID', 'between 0 % and 100 %'),
  suiteRow('suite', 'a latency below 0 ms', LOAD(`, slos: ['mail.all p95 < 0ms']`), 'SUITE_INVALID', 'can never hold'),
  suiteRow('suite', 'maxVUs below preAllocatedVUs', LOAD('', `{ kind: 'constant-arrival-rate', rate: 5, duration: '10s', preAllocatedVUs: 10, maxVUs: 2 }`), 'SUITE_INVALID', 'load[0].profile.maxVUs: maxVUs must be at least preAllocatedVUs'),
  suiteRow('suite', 'two load items with one id', `load: [${LOAD().slice(7, -1)}, ${LOAD().slice(7, -1)}]`, 'SUITE_INVALID', 'load[1].id: duplicate id "l"'),
  suiteRow('suite', 'an unknown IMAP check in requirementIds', `probes: { imap: { requirementIds: { tls: ['${REQ}'], speed: ['${REQ}'] } } }`, 'SUITE_INVALID', 'probes.imap.requirementIds', { target: `${ACCOUNTS}, imap: { host: 'h', port: 993, tls: 'implicit' }` }),
];

const BRAND_JSON = { name: 'ACME', title: 'ACME Mail', colors: { primary: '#1f3f6b' }, logo: 'logo.svg', favicon: 'favicon.ico' };
const brandRow = (name: string, json: string, where: string | RegExp, extra: Record<string, string> = {}): Row =>
  suiteRow('brand', name, `gui: { brand: 'brand', requirementIds: ['${REQ}'] }`, 'CONFIG_INVALID', where, {
    target: ACCOUNTS,
    files: { 'brand/brand.json': json, 'brand/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>', 'brand/favicon.ico': 'ico', ...extra },
  });

const BRAND_ROWS: Row[] = [
  brandRow('a colour that is no hex colour', JSON.stringify({ ...BRAND_JSON, colors: { primary: 'red' } }), 'colors.primary'),
  brandRow('brand.json that is no JSON', '{ name: ', /brand\.json/),
  brandRow('an unknown brand key', JSON.stringify({ ...BRAND_JSON, colour: {} }), 'unknown key "colour"'),
  brandRow('a favicon of the wrong type', JSON.stringify({ ...BRAND_JSON, favicon: 'f.gif' }), 'favicon'),
  { ...brandRow('a brand folder without brand.json', '', 'cannot read the brand spec'), files: { 'signoff.config.ts': config(ACCOUNTS), 'suites/s.ts': suite(`gui: { brand: 'brand', requirementIds: ['${REQ}'] }`), 'accounts.csv': GOOD_CSV, 'brand/logo.svg': '<svg/>' } },
  suiteRow('brand', 'a brand folder that does not exist', `gui: { brand: 'nope', requirementIds: ['${REQ}'] }`, 'SUITE_INVALID', 'gui.brand: "nope" does not exist', { target: ACCOUNTS }),
];

const REQUIREMENT_ROWS: Row[] = [
  suiteRow('requirements', 'a catalogue row with too few columns', `custom: [${CUSTOM}]`, 'CONFIG_INVALID', /requirements\.csv:3/, { files: { 'fixtures/requirements.csv': 'id,requirement,responsible,due,verification\nREQ-API-01,The API answers,provider,2025-05-30,custom\nREQ-X-01,broken\n' } }),
  suiteRow('requirements', 'a catalogue without its header', `custom: [${CUSTOM}]`, 'CONFIG_INVALID', /requirements\.csv:1/, { files: { 'fixtures/requirements.csv': 'REQ-API-01;The API answers\n' } }),
  { ...suiteRow('requirements', 'a catalogue file that does not exist', `custom: [${CUSTOM}]`, 'CONFIG_INVALID', 'nope.csv'), files: { 'signoff.config.ts': config('', `, requirementsFile: 'nope.csv'`), 'suites/s.ts': SUITE } },
  suiteRow('requirements', 'an id used twice in the catalogue', `custom: [${CUSTOM}]`, 'CONFIG_INVALID', /requirements\.csv:3/, { files: { 'fixtures/requirements.csv': 'id,requirement,responsible,due,verification\nREQ-API-01,A,p,2025-05-30,c\nREQ-API-01,B,p,2025-05-30,c\n' } }),
];

const API = (extra = '') => `checks: { api: { requirementIds: ['${REQ}']${extra} } }`;
const API_TARGET = `${ACCOUNTS}, imap: { host: '127.0.0.1', port: 9, tls: 'starttls' }`;
const MIGRATION_ROWS: Row[] = [
  suiteRow('migration', 'a migration folder that does not exist', API(`, migrationDir: 'nope'`), 'SUITE_INVALID', 'checks.api.migrationDir: "nope" does not exist', { target: API_TARGET }),
  suiteRow('migration', 'an empty migration folder', API(`, migrationDir: 'migration'`), 'SUITE_INVALID', 'holds no .vcf or .ics file', { target: API_TARGET, files: { 'migration/readme.txt': 'x' } }),
  suiteRow('migration', 'a file the folder does not hold', API(`, migrationDir: 'migration', files: ['gone.vcf']`), 'SUITE_INVALID', 'checks.api.files[0]: "gone.vcf" is not in', { target: API_TARGET, files: { 'migration/a.vcf': 'BEGIN:VCARD\nEND:VCARD\n' } }),
  suiteRow('migration', 'a file given with a path', API(`, migrationDir: 'migration', files: ['sub/a.vcf']`), 'SUITE_INVALID', 'checks.api.files[0]', { target: API_TARGET, files: { 'migration/a.vcf': 'x' } }),
  suiteRow('migration', 'a file that is no vCard or iCal', API(`, migrationDir: 'migration', files: ['a.txt']`), 'SUITE_INVALID', 'checks.api.files[0]', { target: API_TARGET, files: { 'migration/a.txt': 'x' } }),
  suiteRow('migration', 'an unknown API check', `checks: { api: { requirementIds: { 'vcard-roundtrip': ['${REQ}'], teleport: ['${REQ}'] } } }`, 'SUITE_INVALID', 'checks.api.requirementIds', { target: API_TARGET }),
];

const compile = (...args: string[]) => () => ['compile', ...args, '--out', 'dist'];
const SCENARIO_ROWS: Row[] = [
  { group: 'scenario', name: 'scenario: a scenario name that does not exist', args: compile('no-such-scenario'), exit: 2, code: 'SCENARIO_INVALID', where: 'no-such-scenario' },
  { group: 'scenario', name: 'scenario: a type error', files: { 'typed.ts': `export default function (): void {\n  const n: number = 'text';\n  void n;\n}\n` }, args: compile('typed.ts'), exit: 2, code: 'SCENARIO_INVALID', where: /typed\.ts:2:\d+/ },
  { group: 'scenario', name: 'scenario: a syntax error', files: { 'broken.ts': 'export default function ( {\n' }, args: compile('broken.ts'), exit: 2, code: 'SCENARIO_INVALID', where: /broken\.ts:\d+:\d+/ },
  { group: 'scenario', name: 'scenario: a Node import', files: { 'nodefs.ts': `import { readFileSync } from 'node:fs';\nexport default function (): void {\n  readFileSync('x');\n}\n` }, args: compile('nodefs.ts'), exit: 2, code: 'SCENARIO_INVALID', where: /nodefs\.ts:1:\d+ node:fs is Node, and k6 is not/ },
  {
    ...suiteRow('scenario', 'a load scenario with a type error, refused before the run folder', LOAD(), 'SCENARIO_INVALID', /scenarios\/webmail-user\.ts:2:\d+/),
    files: { 'signoff.config.ts': config(LOAD_TARGET), 'suites/s.ts': suite(LOAD()), 'accounts.csv': GOOD_CSV, 'scenarios/webmail-user.ts': `export default function (): void {\n  const n: number = 'text';\n  void n;\n}\n` },
  },
  { group: 'scenario', name: 'scenario: VUs that are no number', args: () => ['compile', 'login-logout', '--vus', 'abc', '--out', 'dist'], exit: 2, code: 'USAGE', where: '--vus' },
  { group: 'scenario', name: 'scenario: a duration that is none', args: () => ['compile', 'login-logout', '--duration', 'forever', '--out', 'dist'], exit: 2, code: 'USAGE', where: '--duration' },
  { group: 'scenario', name: 'scenario: an unknown profile', args: () => ['compile', 'login-logout', '--profile', 'hammer', '--out', 'dist'], exit: 2, code: 'USAGE', where: '--profile' },
  { group: 'scenario', name: 'scenario: an SLO that is no sentence', args: () => ['compile', 'login-logout', '--slo', 'fast please', '--out', 'dist'], exit: 2, code: 'USAGE', where: '--slo' },
  { group: 'scenario', name: 'scenario: no default export', files: { 'empty.ts': 'export const x = 1;\n' }, args: compile('empty.ts'), exit: 2, code: 'SCENARIO_INVALID', where: 'empty.ts' },
];

const plainRun = (name: string, extra: string[], code: string, where: string | RegExp, files: Record<string, string> = {}, exit = 2): Row => ({
  group: 'flags',
  name: `flags: ${name}`,
  files: { 'signoff.config.ts': config(LOAD_TARGET), 'suites/s.ts': SUITE, 'accounts.csv': GOOD_CSV, ...files },
  args: run(...extra),
  exit,
  code,
  where,
});

const FLAG_ROWS: Row[] = [
  { group: 'flags', name: 'flags: an unknown command', args: () => ['rnu'], exit: 2, code: 'error', where: "unknown command 'rnu'" },
  plainRun('an unknown option', ['--targt', 'prod'], 'error', "unknown option '--targt'"),
  plainRun('a deadline that is no duration', ['--deadline', 'soon'], 'USAGE', '--deadline soon'),
  plainRun('segments that are no number', ['--segments', 'abc'], 'USAGE', '--segments'),
  plainRun('an unknown reporter', ['--reporter', 'console,nope'], 'USAGE', 'nope'),
  plainRun('an unknown target', ['--target', 'nope'], 'CONFIG_INVALID', 'no target "nope"'),
  plainRun('a sandbox name that is none', ['--target', 'sandbox:Bad_Name'], 'USAGE', 'sandbox:<name>'),
  plainRun('--out naming a file', ['--out', 'suites/s.ts'], 'error', 'is a file'),
  plainRun('--update-baselines without GUI checks', ['--update-baselines'], 'USAGE', '--update-baselines'),
  plainRun('--only-failed without accounts checks', ['--only-failed', 'report.json'], 'USAGE', '--only-failed'),
  plainRun('--baseline that does not exist', ['--baseline', 'nope'], 'REPORT_INVALID', 'nope/report.json'),
  plainRun('--baseline that is corrupt', ['--baseline', 'corrupt.json'], 'REPORT_INVALID', 'corrupt.json: not valid JSON', { 'corrupt.json': '{"run": ' }),
  plainRun('--profile a load item does not offer', ['--profile', 'nope'], 'USAGE', '--profile nope', { 'suites/s.ts': suite(LOAD()) }),
  plainRun('--segments without a load item', ['--segments', '2'], 'USAGE', '--segments 2'),
  { group: 'flags', name: 'flags: capacity step duration forever', args: () => ['capacity', '--scenario', 'login-logout', '--step-duration', 'forever'], exit: 2, code: 'error', where: '--step-duration' },
  { group: 'flags', name: 'flags: capacity precision abc', args: () => ['capacity', '--scenario', 'login-logout', '--precision', 'abc'], exit: 2, code: 'error', where: '--precision' },
  { group: 'flags', name: 'flags: capacity max sessions 0', args: () => ['capacity', '--scenario', 'login-logout', '--max-sessions', '0'], exit: 2, code: 'error', where: '--max-sessions' },
  { group: 'flags', name: 'flags: capacity model wave', args: () => ['capacity', '--scenario', 'login-logout', '--model', 'wave'], exit: 2, code: 'USAGE', where: '--model wave' },
  { group: 'flags', name: 'flags: capacity think time abc', args: () => ['capacity', '--scenario', 'login-logout', '--think-time', 'abc'], exit: 2, code: 'error', where: '--think-time' },
  { group: 'flags', name: 'flags: capacity --out naming a file', files: { 'x.txt': 'x' }, args: () => ['capacity', '--scenario', 'login-logout', '--out', 'x.txt'], exit: 2, code: 'error', where: 'is a file' },
  { group: 'flags', name: 'flags: doctor with an unknown option', args: () => ['doctor', '--bogus'], exit: 2, code: 'error', where: "unknown option '--bogus'" },
  { group: 'flags', name: 'flags: history of a folder that holds no runs', files: { 'empty/x.txt': 'x' }, args: () => ['history', 'empty'], exit: 2, code: 'USAGE', where: 'empty: not a runs folder' },
  { group: 'flags', name: 'flags: history --out in a folder that does not exist', args: () => ['history', 'runs', '--out', 'nope/trends.html'], exit: 2, code: 'error', where: 'does not exist' },
  { group: 'flags', name: 'flags: compile --out naming a file', files: { 'x.txt': 'x' }, args: () => ['compile', 'login-logout', '--out', 'x.txt'], exit: 2, code: 'error', where: 'is a file' },
];

/** A run folder of the row's own: a copy of the shared signed run. */
const ownRun = (ctx: Ctx) => cpSync(ctx.signedRun, path.join(ctx.dir, 'run'), { recursive: true });

const RUN_FOLDER_ROWS: Row[] = [
  { group: 'run-folder', name: 'run-folder: history --out naming a folder', setup: ownRun, args: () => ['history', '.', '--out', 'run'], exit: 2, code: 'error', where: 'is a folder' },
  { group: 'run-folder', name: 'run-folder: a report.json that is corrupt', setup: (ctx) => (ownRun(ctx), writeFileSync(path.join(ctx.dir, 'run/report.json'), '{"run":')), args: () => ['sign', 'run/protocol.pdf', '--demo'], exit: 2, code: 'REPORT_INVALID', where: 'report.json: not valid JSON' },
  {
    group: 'run-folder',
    name: 'run-folder: a report.json that breaks the schema',
    setup: (ctx) => {
      ownRun(ctx);
      const file = path.join(ctx.dir, 'run/report.json');
      const report = JSON.parse(readFileSync(file, 'utf8')) as { run: { status: string } };
      report.run.status = 'green';
      writeFileSync(file, JSON.stringify(report));
    },
    args: () => ['sign', 'run/protocol.pdf', '--demo'],
    exit: 2,
    code: 'REPORT_INVALID',
    where: '/run/status',
  },
  { group: 'run-folder', name: 'run-folder: merge --out naming a folder', setup: ownRun, args: () => ['merge', 'run', '--out', 'run'], exit: 2, code: 'error', where: 'is a folder' },
];

const signRun = (extra: string[]) => () => ['sign', 'run/protocol.pdf', ...extra];
const SIGN_ROWS: Row[] = [
  { group: 'sign', name: 'sign: a file that is no PDF', files: { 'notes.pdf': 'hello' }, args: (ctx) => ['sign', 'notes.pdf', '--p12', path.join(ctx.keyDir, 'demo-signing.p12')], env: { SIGNOFF_P12_PASSPHRASE: 'x' }, exit: 2, code: 'USAGE', where: 'notes.pdf: not a PDF' },
  { group: 'sign', name: 'sign: a key store that does not exist', setup: ownRun, args: signRun(['--p12', 'missing.p12']), env: { SIGNOFF_P12_PASSPHRASE: PLANTED }, exit: 2, code: 'SIGN_FAILED', where: 'missing.p12' },
  { group: 'sign', name: 'sign: a wrong passphrase', setup: ownRun, args: (ctx) => signRun(['--p12', path.join(ctx.keyDir, 'demo-signing.p12')])(), env: { SIGNOFF_P12_PASSPHRASE: PLANTED }, exit: 2, code: 'SIGN_FAILED', where: 'wrong passphrase' },
  { group: 'sign', name: 'sign: the passphrase variable unset', setup: ownRun, args: (ctx) => signRun(['--p12', path.join(ctx.keyDir, 'demo-signing.p12'), '--passphrase-env', 'SIGNOFF_CAMPAIGN_UNSET'])(), exit: 2, code: 'USAGE', where: '--passphrase-env: the environment variable SIGNOFF_CAMPAIGN_UNSET' },
  { group: 'sign', name: 'sign: two passphrase sources', setup: ownRun, args: (ctx) => signRun(['--p12', path.join(ctx.keyDir, 'demo-signing.p12'), '--passphrase-env', 'A', '--passphrase-file', 'b'])(), exit: 2, code: 'USAGE', where: 'not both' },
  { group: 'sign', name: 'sign: no key named', setup: ownRun, args: signRun([]), exit: 2, code: 'USAGE', where: '--p12' },
  { group: 'sign', name: 'sign: --out in a folder that does not exist', files: { 'x.pdf': '%PDF-1.7\n' }, args: (ctx) => ['sign', 'x.pdf', '--p12', path.join(ctx.keyDir, 'demo-signing.p12'), '--out', 'nope/y.pdf'], exit: 2, code: 'error', where: 'does not exist' },
  { group: 'sign', name: 'sign: a passphrase file that does not exist', setup: ownRun, args: (ctx) => signRun(['--p12', path.join(ctx.keyDir, 'demo-signing.p12'), '--passphrase-file', 'nope.txt'])(), exit: 2, code: 'USAGE', where: '--passphrase-file: cannot read' },
  { group: 'sign', name: 'sign: a PDF that does not exist', args: (ctx) => ['sign', 'gone.pdf', '--p12', path.join(ctx.keyDir, 'demo-signing.p12')], env: { SIGNOFF_P12_PASSPHRASE: 'x' }, exit: 2, code: 'USAGE', where: 'gone.pdf' },
  { group: 'sign', name: 'sign: --demo on a PDF outside a run', files: { 'x.pdf': '%PDF-1.7\n' }, args: () => ['sign', 'x.pdf', '--demo'], exit: 2, code: 'USAGE', where: '--demo' },
];

const VERIFY_ROWS: Row[] = [
  { group: 'verify', name: 'verify: a path that does not exist', args: () => ['verify', 'nope'], exit: 2, code: 'USAGE', where: 'nope: no such run folder' },
  { group: 'verify', name: 'verify: a run folder without protocol.pdf', files: { 'run/report.json': '{}' }, args: () => ['verify', 'run'], exit: 2, code: 'USAGE', where: 'holds no protocol.pdf' },
  { group: 'verify', name: 'verify: --ca that is no PEM', setup: ownRun, files: { 'ca.pem': 'hello' }, args: () => ['verify', 'run', '--ca', 'ca.pem'], exit: 2, code: 'USAGE', where: 'not a PEM certificate' },
  { group: 'verify', name: 'verify: --ca that does not exist', setup: ownRun, args: () => ['verify', 'run', '--ca', 'nope.pem'], exit: 2, code: 'USAGE', where: '--ca nope.pem' },
  {
    group: 'verify',
    name: 'verify: a truncated protocol',
    setup: (ctx) => {
      ownRun(ctx);
      const file = path.join(ctx.dir, 'run/protocol.pdf');
      writeFileSync(file, readFileSync(file).subarray(0, 4000));
    },
    args: () => ['verify', 'run'],
    exit: 1,
    code: 'INVALID',
    where: /damaged|modified after signing/,
  },
  { group: 'verify', name: 'verify: an unknown option', args: () => ['verify', 'run', '--strict'], exit: 2, code: 'error', where: "unknown option '--strict'" },
];

const MERGE_ROWS: Row[] = [
  { group: 'merge', name: 'merge: a .json.gz that is not gzip', files: { 'out/runner.json.gz': `${PLANTED}\n` }, args: () => ['merge', 'out'], exit: 2, code: 'USAGE', where: 'runner.json.gz' },
  { group: 'merge', name: 'merge: a corrupt signoff-k8s.json', files: { 'out/runner.json': '{"type":"Point"}\n', 'out/signoff-k8s.json': '{"format": ' }, args: () => ['merge', 'out'], exit: 2, code: 'CONFIG_INVALID', where: 'signoff-k8s.json: not valid JSON' },
  { group: 'merge', name: 'merge: a signoff-k8s.json of another shape', files: { 'out/runner.json': '{"type":"Point"}\n', 'out/signoff-k8s.json': '{"hello": 1}' }, args: () => ['merge', 'out'], exit: 2, code: 'CONFIG_INVALID', where: 'signoff-k8s.json' },
  { group: 'merge', name: 'merge: a folder without outputs', files: { 'out/x.txt': 'x' }, args: () => ['merge', 'out'], exit: 2, code: 'USAGE', where: 'no k6 output files' },
  { group: 'merge', name: 'merge: a path that does not exist', args: () => ['merge', 'nope'], exit: 2, code: 'USAGE', where: 'nope does not exist' },
  { group: 'merge', name: 'merge: an SLO that is no sentence', files: { 'out/runner.json': '{"type":"Point"}\n' }, args: () => ['merge', 'out', '--slo', 'fast'], exit: 2, code: 'USAGE', where: '--slo' },
  { group: 'merge', name: 'merge: a file without samples', files: { 'out/runner.json': 'not json at all\n' }, args: () => ['merge', 'out'], exit: 2, code: 'USAGE', where: 'holds no k6 samples' },
];

const K8S_SUITE = { 'signoff.config.ts': config(LOAD_TARGET), 'suites/s.ts': suite(LOAD()), 'accounts.csv': GOOD_CSV };
const k8s = (name: string, extra: string[], code: string, where: string | RegExp): Row => ({
  group: 'k8s',
  name: `k8s: ${name}`,
  files: K8S_SUITE,
  args: () => ['k8s', 'suites/s.ts', '--config', 'signoff.config.ts', '--out', 'k8s', ...extra],
  exit: 2,
  code,
  where,
});
const K8S_ROWS: Row[] = [
  k8s('a TestRun name Kubernetes refuses', ['--parallelism', '2', '--name', 'My Test Run!'], 'error', '--name'),
  k8s('a memory quantity that is none', ['--parallelism', '2', '--memory', 'lots of'], 'error', '--memory'),
  k8s('a CPU quantity that is none', ['--parallelism', '2', '--cpu', 'two'], 'error', '--cpu'),
  k8s('a think time that is no number', ['--parallelism', '2', '--think-time', 'abc'], 'error', '--think-time'),
  k8s('parallelism 0', ['--parallelism', '0'], 'error', '--parallelism'),
  k8s('a namespace Kubernetes refuses', ['--parallelism', '2', '--namespace', 'Bad_NS'], 'error', '--namespace'),
  k8s('no parallelism', [], 'error', '--parallelism'),
  k8s('an unknown load item', ['--parallelism', '2', '--scenario', 'nope'], 'USAGE', 'no load item "nope"'),
  k8s('a storage size that is none', ['--parallelism', '2', '--storage', 'big'], 'error', '--storage'),
  { ...k8s('a sandbox target', ['--parallelism', '2', '--target', 'sandbox'], 'USAGE', 'needs a configured target') },
];

const SANDBOX_ROWS: Row[] = [
  { group: 'sandbox', name: 'sandbox: an unknown fault', args: () => ['sandbox', 'fault', 'meteor', '--name', 'campaign-none'], exit: 2, code: 'error', where: 'meteor' },
  { group: 'sandbox', name: 'sandbox: a latency that is no number', args: () => ['sandbox', 'fault', 'latency', 'abc', '--name', 'campaign-none'], exit: 2, code: 'USAGE', where: 'latency: expected a number' },
  { group: 'sandbox', name: 'sandbox: an error rate above 1', args: () => ['sandbox', 'fault', 'errors', '2', '--name', 'campaign-none'], exit: 2, code: 'error', where: '2' },
  { group: 'sandbox', name: 'sandbox: accounts with password and e-mail swapped', files: { 'swapped.csv': `${HEADER}\n1,anna,Anna A,Anna,A,anna@example.test,${PLANTED}\n` }, args: () => ['sandbox', 'up', '--name', 'campaign-swapped', '--accounts', 'swapped.csv'], exit: 2, code: 'ACCOUNTS_INVALID', where: 'swapped.csv:2: column "email"' },
  { group: 'sandbox', name: 'sandbox: down of a sandbox that does not exist', args: () => ['sandbox', 'down', '--name', 'campaign-none'], exit: 2, code: 'SANDBOX_UNKNOWN', where: 'campaign-none' },
  { group: 'sandbox', name: 'sandbox: a fault on a sandbox that does not exist', args: () => ['sandbox', 'fault', 'clear', '--name', 'campaign-none'], exit: 2, code: 'SANDBOX_UNKNOWN', where: 'campaign-none' },
  { group: 'sandbox', name: 'sandbox: zero nodes', args: () => ['sandbox', 'up', '--name', 'campaign-nodes', '--nodes', '0'], exit: 2, code: 'error', where: '--nodes' },
  { group: 'sandbox', name: 'sandbox: nodes that are no number', args: () => ['sandbox', 'up', '--name', 'campaign-nodes', '--nodes', 'two'], exit: 2, code: 'error', where: '--nodes' },
  { group: 'sandbox', name: 'sandbox: a name with capitals', args: () => ['sandbox', 'up', '--name', 'Bad_Name'], exit: 2, code: 'error', where: '--name' },
  { group: 'sandbox', name: 'sandbox: an accounts file that does not exist', args: () => ['sandbox', 'up', '--name', 'campaign-missing', '--accounts', 'nope.csv'], exit: 2, code: 'ACCOUNTS_INVALID', where: 'nope.csv' },
  { group: 'sandbox', name: 'sandbox: a brand folder without brand.json', files: { 'brand/x.txt': 'x' }, args: () => ['sandbox', 'up', '--name', 'campaign-brand', '--brand', 'brand'], exit: 2, code: 'CONFIG_INVALID', where: 'brand.json' },
];

export const CAMPAIGN: Row[] = [
  ...CONFIG_ROWS,
  ...ACCOUNT_ROWS,
  ...SUITE_ROWS,
  ...BRAND_ROWS,
  ...REQUIREMENT_ROWS,
  ...MIGRATION_ROWS,
  ...SCENARIO_ROWS,
  ...FLAG_ROWS,
  ...RUN_FOLDER_ROWS,
  ...SIGN_ROWS,
  ...VERIFY_ROWS,
  ...MERGE_ROWS,
  ...K8S_ROWS,
  ...SANDBOX_ROWS,
];
