/**
 * Language and time zone per user: the accounts CSV columns go into LDAP
 * (preferredLanguage, signoffTimeZone) and the node reports them in the login
 * response and in config/language, config/locale, config/timezone.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCredentials, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';
import { TestClient } from './ox-client.ts';

const NAME = `oxloc${process.pid}`;
const ACCOUNTS = [
  'contextid,username,displayname,givenname,surname,password,email,language,timezone,department,company',
  '1,liam.london,Liam London,Liam,London,Locale-01-pw!,liam.london@example.test,en_GB,Europe/London,Sales,ACME',
  '1,nora.york,Nora York,Nora,York,Locale-02-pw!,nora.york@example.test,fr_FR,America/New_York,Sales,ACME',
  '2,kai.default,Kai Default,Kai,Default,Locale-03-pw!,kai.default@example.test,,,Sales,ACME',
].join('\n');

let info: SandboxInfo;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-locale-'));
  await writeFile(join(dir, 'accounts.csv'), `${ACCOUNTS}\n`);
  info = await sandboxUp({ name: NAME, nodes: 1, accountsFile: join(dir, 'accounts.csv') });
}, 180_000);

afterAll(async () => {
  if (info) await sandboxDown(NAME);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function reported(login: string, password: string): Promise<{ locale: unknown; language: unknown; configLocale: unknown; timezone: unknown }> {
  const client = new TestClient(info.balancerUrl);
  const res = await client.login(login, password);
  const config = async (path: string) => ((await client.get(`/ajax/config/${path}`)).json as { data: unknown }).data;
  return { locale: (res.json as { locale?: unknown }).locale, language: await config('language'), configLocale: await config('locale'), timezone: await config('timezone') };
}

describe('locale and time zone per user', () => {
  it('keeps each user\'s language and time zone in LDAP', async () => {
    const ldap = new Client({ url: info.ldap.url });
    try {
      await ldap.bind(info.ldap.adminDn, (await readCredentials(info)).ldapAdminPassword);
      const { searchEntries } = await ldap.search(info.ldap.peopleDn, { filter: '(uid=nora.york)', attributes: ['preferredLanguage', 'signoffTimeZone'] });
      expect(searchEntries[0]).toMatchObject({ preferredLanguage: 'fr_FR', signoffTimeZone: 'America/New_York' });
    } finally {
      await ldap.unbind();
    }
  });

  it('reports each user\'s own locale and time zone at login and in config', async () => {
    expect(await reported('liam.london@1', 'Locale-01-pw!')).toEqual({ locale: 'en_GB', language: 'en_GB', configLocale: 'en_GB', timezone: 'Europe/London' });
    expect(await reported('nora.york@1', 'Locale-02-pw!')).toEqual({ locale: 'fr_FR', language: 'fr_FR', configLocale: 'fr_FR', timezone: 'America/New_York' });
  });

  it('falls back to OX\'s defaults (en_US, Europe/Berlin) for a user without either', async () => {
    expect(await reported('kai.default@2', 'Locale-03-pw!')).toEqual({ locale: 'en_US', language: 'en_US', configLocale: 'en_US', timezone: 'Europe/Berlin' });
  });
});
