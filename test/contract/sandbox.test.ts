/**
 * The stand-in keeps the contract: the Node client in verify mode (every
 * answer checked against src/contract by call name) runs the calls signoff
 * and the UI make — login, config, folders, mail list and threads, chronos
 * with a composite id, /multiple, a composition space — and also with the
 * warnings fault on every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../src/config/accounts.ts';
import { chronosFolderId } from '../../src/probes/api/calendar-ids.ts';
import { OxClient } from '../../src/probes/api/ox-client.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../src/sandbox/sandbox.ts';

const NAME = `ctr${process.pid}`;
const MAIL_COLUMNS = '102,600,601,602,603,604,607,608,610,611,614,652,656';
const FOLDER_COLUMNS = '1,20,300,301,302,304,305,308,316';
let info: SandboxInfo;
let login: { name: string; password: string };

beforeAll(async () => {
  info = await sandboxUp({ name: NAME, nodes: 1 });
  const account = (await loadAccounts(info.accountsFile, { strict: true })).accounts[0]!;
  login = { name: account.login, password: account.password ?? '' };
});

afterAll(async () => {
  await sandboxDown(NAME);
});

/** The calls, each verified by the client; a contract violation rejects with CONTRACT-VIOLATION. */
async function session(): Promise<OxClient> {
  const client = new OxClient({ baseUrl: info.balancerUrl, apiPath: info.apiPath, verifyResponses: true });
  await client.login(login.name, login.password);
  const calendar = chronosFolderId(String(await client.call('config/folder/calendar', undefined)));
  await client.call('folders', 'list', { parent: '1', tree: '1', columns: FOLDER_COLUMNS });
  await client.call('folders', 'allVisible', { content_type: 'calendar', tree: '1', columns: FOLDER_COLUMNS });
  const inbox = (await client.call('mail', 'all', { folder: 'default0/INBOX', columns: MAIL_COLUMNS, sort: '610', order: 'desc' })) as unknown[];
  expect(inbox.length).toBeGreaterThan(0);
  await client.call('mail', 'threadedAll', { folder: 'default0/INBOX', columns: MAIL_COLUMNS, sort: '610', order: 'desc', includeSent: true, limit: '0,30', max: 300 });
  await client.call('chronos', 'all', { folder: calendar, rangeStart: '20250101T000000Z', rangeEnd: '20260101T000000Z' });
  const items = await client.multiple([{ module: 'jslob', action: 'list', data: ['io.ox/core'] }, { module: 'mail', action: 'all', folder: 'default0/INBOX', columns: '600,601' }]);
  expect(items.map((i) => i.ok)).toEqual([true, true]);
  const space = (await client.call('mail/compose', undefined, {}, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })) as { id: string };
  expect(space.id).toBeTruthy();
  return client;
}

describe('the stand-in against the contract', () => {
  it('answers every call as the contract says', async () => {
    const client = await session();
    await client.logout();
    await client.close();
  });

  it('keeps the contract with a warning on every answer', async () => {
    await applyFault(NAME, { kind: 'node', fault: { kind: 'warnings', rate: 1 } });
    try {
      const client = await session();
      expect(client.warnings.length).toBeGreaterThan(0);
      await client.logout();
      await client.close();
    } finally {
      await clearFaults(NAME);
    }
  });
});
