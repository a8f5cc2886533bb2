/** /ajax/config/<path>: the user's configuration tree, addressed by path (no action). */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import { SERVER_VERSION } from '../health.ts';
import { toOxTime } from '../timezone.ts';
import { calendarFolderNumber, contactsFolderId, driveFolderId, MAIL_PREFIX } from './folders-ids.ts';
import { standardMailFolders } from './folders.ts';

async function configTree(req: OxRequest, ctx: NodeContext): Promise<Record<string, unknown>> {
  const session = sessionOf(req);
  const user = session.user;
  const std = await standardMailFolders(ctx, session);
  const mailFolder = (path: string) => `${MAIL_PREFIX}${path}`;
  return {
    context_id: user.contextId,
    identifier: user.userId,
    contact_id: user.userId,
    language: user.locale,
    locale: user.locale,
    timezone: user.timezone,
    serverVersion: SERVER_VERSION,
    currentTime: toOxTime(Date.now(), user.timezone),
    maxUploadIdleTimeMillis: 300_000,
    mail: { defaultaddress: user.email, addresses: [user.email], sendaddress: user.email },
    folder: { contacts: Number(contactsFolderId(user)), calendar: Number(calendarFolderNumber(user)), infostore: Number(driveFolderId(user)) },
    modules: {
      mail: {
        module: true,
        defaultaddress: user.email,
        defaultFolder: {
          inbox: mailFolder(std.inbox),
          sent: mailFolder(std.sent),
          drafts: mailFolder(std.drafts),
          trash: mailFolder(std.trash),
          spam: mailFolder(std.spam),
        },
      },
      calendar: { module: true },
      contacts: { module: true },
      infostore: { module: true },
      tasks: { module: true },
    },
  };
}

async function configRequest(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  if (req.method === 'PUT') return data({}); // accepted but not persisted: the harness only reads config
  let node: unknown = await configTree(req, ctx);
  const segments = req.subPath.split('/').filter((s) => s !== '');
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !(segment in node)) throw new OxError('SVL-0010', ['path', req.subPath]);
    node = (node as Record<string, unknown>)[segment];
  }
  return data(node);
}

export const configModule: OxModule = { name: 'config', actions: {}, noAction: configRequest };
