/**
 * The login rampup (`rampup=true&rampUpFor=open-xchange-appsuite`), after MW
 * DefaultAppSuiteLoginRampUp: the server runs the UI's first requests inside
 * the login call and answers them under `rampup`, keys in the MW order; a part
 * that fails (or that this stand-in does not serve: oauth, user, account) is
 * left out, as MW omits it ("let the UI deal with this").
 */
import type { NodeContext, OxReply, OxRequest } from '../context.ts';

/** The ids MW asks jslob `list` for. */
export const RAMPUP_JSLOBS = [
  'io.ox/core',
  'io.ox/core/updates',
  'io.ox/mail',
  'io.ox/contacts',
  'io.ox/calendar',
  'io.ox/caldav',
  'io.ox/files',
  'io.ox/tours',
  'io.ox/mail/emoji',
  'io.ox/tasks',
  'io.ox/office',
];

const FOLDER_COLUMNS = '1,2,3,4,5,6,20,23,300,301,302,304,305,306,307,308,309,310,311,312,313,314,315,316,317,318,3010,3020,3030';

type Call = { module: string; action: string; params?: Record<string, string>; body?: unknown };

async function perform(req: OxRequest, ctx: NodeContext, call: Call): Promise<unknown> {
  const [module, ...sub] = call.module.split('/');
  const params = new URLSearchParams({ action: call.action, ...call.params });
  try {
    const reply: OxReply = await ctx.dispatch({
      ...req,
      module: module!,
      subPath: sub.join('/'),
      action: call.action,
      method: call.body === undefined ? 'GET' : 'PUT',
      params,
      query: params,
      body: call.body,
      rawBody: undefined,
      fields: undefined,
      files: undefined,
      inMultiple: false,
      internal: true,
    });
    return reply.kind === 'data' ? reply.data : undefined;
  } catch {
    return undefined;
  }
}

async function folders(req: OxRequest, ctx: NodeContext): Promise<Record<string, unknown> | undefined> {
  const get = (id: string) => perform(req, ctx, { module: 'folders', action: 'get', params: { id, tree: '1', altNames: 'true', timezone: 'UTC' } });
  const [root, inbox] = await Promise.all([get('1'), get('default0/INBOX')]);
  const out: Record<string, unknown> = {};
  if (root !== undefined) out['1'] = root;
  if (inbox !== undefined) out['default0/INBOX'] = inbox;
  return out;
}

async function jslobs(req: OxRequest, ctx: NodeContext): Promise<Record<string, unknown> | undefined> {
  const list = await perform(req, ctx, { module: 'jslob', action: 'list', body: RAMPUP_JSLOBS });
  if (!Array.isArray(list)) return undefined;
  return Object.fromEntries((list as { id: string }[]).map((lob) => [lob.id, lob]));
}

export async function rampUp(req: OxRequest, ctx: NodeContext): Promise<Record<string, unknown>> {
  const folderList = perform(req, ctx, { module: 'folders', action: 'list', params: { parent: '1', tree: '0', altNames: 'true', timezone: 'UTC', columns: FOLDER_COLUMNS } });
  const parts: [string, Promise<unknown>][] = [
    ['serverConfig', perform(req, ctx, { module: 'apps/manifests', action: 'config' })],
    ['jslobs', jslobs(req, ctx)],
    ['folder', folders(req, ctx)],
    ['folderlist', folderList.then((list) => (list === undefined ? undefined : { 1: list }))],
  ];
  const out: Record<string, unknown> = {};
  for (const [key, value] of parts) {
    const v = await value;
    if (v !== undefined) out[key] = v;
  }
  return out;
}
