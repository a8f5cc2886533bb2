/**
 * What the UI sends between login and a usable mail app, per UI generation:
 * - 7.10 (FE ui/apps/io.ox/core/session.js): login with rampup, so the server
 *   answers folders, jslobs, server config, oauth, user and accounts inside the
 *   login call; only when that answer carries no `rampup` the client fetches
 *   the same in one batch (FE boot/rampup.js, http.pause/resume = one /multiple).
 * - 8 (FE8 src/io.ox/core/boot/main.js): `config.server()` before login
 *   (serverConfig below), rampup=false, then the client-side rampup batch.
 * Then the greedy inbox prefetch (FE boot/load.js) and the mail folder tree.
 * Default folders are learned as the UI learns them: io.ox/core jslob
 * `folder/*`, the mail folder list (standard_folder_type), allVisible.
 */
import http from 'k6/http';
import { readOutcome } from '../envelope.ts';
import type { OxOutcome } from '../envelope.ts';
import { oxErrors, oxFailed } from '../metrics.ts';
import type { LoginOptions, OxSession } from '../session.ts';
import { settings } from '../settings.ts';
import type { UiProfile } from '../ui-profile.ts';
import * as folders from './folders.ts';
import * as mail from './mail.ts';

/** FE boot/rampup.js `settings!` modules (one jslob list). */
export const JSLOB_IDS = ['io.ox/caldav', 'io.ox/calendar', 'io.ox/contacts', 'io.ox/core', 'io.ox/core/updates', 'io.ox/files', 'io.ox/mail', 'io.ox/tasks'];

/** The user's standard folders, as far as the boot revealed them. */
export interface DefaultFolders {
  inbox: string;
  sent?: string;
  drafts?: string;
  calendar?: string;
  contacts?: string;
  infostore?: string;
}

export const FALLBACK_INBOX = 'default0/INBOX';
/** MW standard_folder_type of the sent and drafts folders. */
const SENT_TYPE = 10;
const DRAFTS_TYPE = 9;

export interface BootResult {
  /** The rampup batch (undefined when the login answer carried the rampup data). */
  rampup?: OxOutcome<unknown>;
  /** The inbox prefetch; the mail app shows it without asking again. */
  inbox: OxOutcome<unknown[]>;
  readonly folders: DefaultFolders;
}

/** The batch of FE boot/rampup.js, in its order. */
function rampupBatch(userId: number | undefined): unknown[] {
  return [
    { module: 'jslob', action: 'list', data: JSLOB_IDS },
    { module: 'apps/manifests', action: 'config' },
    { module: 'oauth/accounts', action: 'all' },
    { module: 'oauth/services', action: 'all' },
    { module: 'onboarding', action: 'config' },
    { module: 'user', action: 'get', id: userId },
    { module: 'account', action: 'all' },
  ];
}

/** The login query of each UI: FE session.js (7.10) asks the server to ramp up, FE8 ramps up itself. */
export const LOGIN_OPTIONS: Record<UiProfile, LoginOptions> = {
  '7.10': { query: { rampup: true, rampUpFor: 'open-xchange-appsuite' } },
  '8': { query: { rampup: false } },
};

const SERVER_CONFIG_TAGS = { name: 'apps.config' };

/** FE8 boot/config.js `server()`: the public server config before login (no session, so outside OxSession.call). */
export function serverConfig(session: OxSession): OxOutcome {
  const res = http.get(`${settings.apiUrl}/apps/manifests?action=config`, { headers: { 'User-Agent': session.userAgent }, tags: SERVER_CONFIG_TAGS, responseType: 'text' });
  const outcome = readOutcome(res, 'json');
  oxFailed.add(!outcome.ok, SERVER_CONFIG_TAGS);
  if (!outcome.ok) oxErrors.add(1, { name: 'apps.config', code: outcome.code ?? 'OX-UNKNOWN' });
  return outcome;
}

type Tree = Record<string, unknown>;

function treeOf(jslobs: unknown, id: string): Tree | undefined {
  if (Array.isArray(jslobs)) {
    const found = jslobs.find((j) => (j as { id?: unknown } | null)?.id === id) as { tree?: Tree } | undefined;
    return found?.tree;
  }
  // Server rampup: { 'io.ox/core': tree, … }
  const value = typeof jslobs === 'object' && jslobs !== null ? (jslobs as Record<string, unknown>)[id] : undefined;
  return typeof value === 'object' && value !== null ? ((value as { tree?: Tree }).tree ?? (value as Tree)) : undefined;
}

function asId(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** io.ox/core jslob `folder/{calendar,contacts,infostore}` (FE settings.get('folder/calendar')). */
export function foldersOfJslobs(jslobs: unknown): Omit<DefaultFolders, 'inbox'> {
  const folder = (treeOf(jslobs, 'io.ox/core')?.folder ?? {}) as Record<string, unknown>;
  return { calendar: asId(folder.calendar), contacts: asId(folder.contacts), infostore: asId(folder.infostore) };
}

function loginRampup(login: unknown): Record<string, unknown> | undefined {
  const rampup = (login as { rampup?: unknown } | undefined)?.rampup;
  return typeof rampup === 'object' && rampup !== null ? (rampup as Record<string, unknown>) : undefined;
}

function itemData(batch: OxOutcome<unknown> | undefined, index: number): unknown {
  const items = batch?.data;
  return Array.isArray(items) ? (items[index] as { data?: unknown } | undefined)?.data : undefined;
}

/** Login answer (with `rampup` or without) → the boot requests of this UI generation. */
export function boot(session: OxSession, ui: UiProfile, login: unknown): BootResult {
  const serverRampup = ui === '7.10' ? loginRampup(login) : undefined;
  const userId = (login as { user_id?: number } | undefined)?.user_id;
  const rampup = serverRampup ? undefined : session.call<unknown[]>({ name: 'multiple.rampup', method: 'PUT', path: '/multiple', query: RAMPUP_QUERY, json: rampupBatch(userId), shape: 'multiple' });
  const inbox = mail.threadedAll(session, FALLBACK_INBOX);
  // The mail app's folder tree: the rampup's folderlist holds it when the server ramped up.
  const folderlist = (serverRampup?.folderlist ?? {}) as Record<string, unknown>;
  if (!folderlist['1']) folders.list(session, '1');
  const mailFolders = Array.isArray(folderlist.default0) ? { ok: true, status: 200, data: folderlist.default0 as unknown[][] } : folders.list(session, 'default0');
  let learned: DefaultFolders | undefined;
  return {
    rampup,
    inbox,
    get folders(): DefaultFolders {
      learned ??= {
        inbox: FALLBACK_INBOX,
        sent: folders.standardMailFolder(mailFolders.data, SENT_TYPE),
        drafts: folders.standardMailFolder(mailFolders.data, DRAFTS_TYPE),
        ...foldersOfJslobs(serverRampup ? serverRampup.jslobs : itemData(rampup, 0)),
      };
      return learned;
    },
  };
}

const RAMPUP_QUERY = { continue: true };

/**
 * The Drive folder when the io.ox/core jslob named none (a real MW always
 * fills `folder/infostore` there): the one config path, not the whole tree.
 */
export function infostoreFromConfig(session: OxSession): string | undefined {
  const outcome = session.call<unknown>({ name: 'config.get', method: 'GET', path: '/config/folder/infostore', shape: 'json' });
  return asId(outcome.data);
}
