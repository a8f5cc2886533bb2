/**
 * The UI's boot batch: after login the App Suite UI fetches its configuration,
 * its settings (jslob) and the folder tree in one `PUT /multiple`. We send the
 * same batch and learn the user's default folders from it.
 */
import type { OxOutcome } from '../envelope.ts';
import type { OxSession } from '../session.ts';
import { FOLDER_COLUMNS } from './folders.ts';

const JSLOB_IDS = ['io.ox/core', 'io.ox/core/updates', 'io.ox/mail', 'io.ox/calendar', 'io.ox/contacts', 'io.ox/files'];

/** Items of the batch, named like the calls they stand for (config.get, jslob.list, folders.root, folders.list). */
export const BOOT_ITEMS = [
  { name: 'config.get', item: { module: 'config' } },
  { name: 'jslob.list', item: { module: 'jslob', action: 'list', data: JSLOB_IDS } },
  { name: 'folders.root', item: { module: 'folders', action: 'root', columns: FOLDER_COLUMNS, tree: '0', altNames: 'true', timezone: 'UTC' } },
  { name: 'folders.list', item: { module: 'folders', action: 'list', parent: 'default0', columns: FOLDER_COLUMNS, tree: '0', all: '0', altNames: 'true', timezone: 'UTC' } },
] as const;

/** The user's standard folders, as far as the boot batch revealed them. */
export interface DefaultFolders {
  inbox: string;
  calendar?: string;
  contacts?: string;
  infostore?: string;
}

const BOOT_QUERY = { continue: true };

const FALLBACK_INBOX = 'default0/INBOX';

function asId(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Default folders from the config tree (`folder.*`, `modules.mail.defaultFolder.inbox`). */
export function defaultFoldersOf(config: unknown): DefaultFolders {
  const tree = (config ?? {}) as { folder?: Record<string, unknown>; modules?: { mail?: { defaultFolder?: { inbox?: unknown } } } };
  return {
    inbox: asId(tree.modules?.mail?.defaultFolder?.inbox) ?? FALLBACK_INBOX,
    calendar: asId(tree.folder?.calendar),
    contacts: asId(tree.folder?.contacts),
    infostore: asId(tree.folder?.infostore),
  };
}

export interface BootResult {
  outcome: OxOutcome<unknown[]>;
  /** Read from the config tree on first access: a run that never asks does not decode the batch. */
  readonly folders: DefaultFolders;
}

const BOOT_BATCH = BOOT_ITEMS.map((b) => b.item);

export function boot(session: OxSession): BootResult {
  const outcome = session.call<unknown[]>({ name: 'multiple.boot', method: 'PUT', path: '/multiple', query: BOOT_QUERY, json: BOOT_BATCH, shape: 'multiple' });
  let folders: DefaultFolders | undefined;
  return {
    outcome,
    get folders(): DefaultFolders {
      folders ??= defaultFoldersOf((outcome.data?.[0] as { data?: unknown } | undefined)?.data);
      return folders;
    },
  };
}
