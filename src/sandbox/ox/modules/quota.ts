/** /ajax/quota: mail quota from IMAP GETQUOTAROOT, drive usage from the store. */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { driveFolderId } from './folders-ids.ts';

async function mailQuota(req: OxRequest, ctx: NodeContext) {
  const session = sessionOf(req);
  const quota = await ctx.imap.with(session.user, session.password, (c) => c.getQuota('INBOX'));
  const account: Record<string, unknown> = { account_id: '0', account_name: 'E-Mail' };
  if (quota && quota.storage) {
    if (quota.storage.limit !== undefined) account.quota = quota.storage.limit;
    account.use = quota.storage.usage ?? 0;
  }
  if (quota && quota.message) {
    if (quota.message.limit !== undefined) account.countquota = quota.message.limit;
    account.countuse = quota.message.usage ?? 0;
  }
  return { display_name: 'E-Mail', accounts: [account] };
}

function driveQuota(req: OxRequest, ctx: NodeContext) {
  const { user } = sessionOf(req);
  const files = ctx.store.list<{ file_size?: number }>('file', user.contextId, driveFolderId(user));
  const use = files.reduce((sum, f) => sum + (f.data.file_size ?? 0), 0);
  return { display_name: 'Drive', accounts: [{ account_id: 'infostore', account_name: 'My files', use }] };
}

async function get(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const module = req.params.get('module');
  if (module === 'mail') return data(await mailQuota(req, ctx));
  if (module === 'filestorage') return data(driveQuota(req, ctx));
  if (module) return { kind: 'bare', status: 400, body: { error: `Unknown quota module: ${module}`, code: 'QUO-0001' } };
  return data({ mail: await mailQuota(req, ctx), filestorage: driveQuota(req, ctx) });
}

/** Legacy `action=mail`: `{quota, use}` in bytes. */
async function mail(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const account = (await mailQuota(req, ctx)).accounts[0] ?? {};
  return data({ quota: account.quota ?? -1, use: account.use ?? 0 });
}

export const quotaModule: OxModule = { name: 'quota', actions: { get, mail } };
