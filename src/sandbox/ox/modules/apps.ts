/**
 * /ajax/apps/manifests?action=config: the server configuration the UI reads
 * (the 8.x UI before login through config.server(), the 7.10 UI in the login
 * rampup as `serverConfig`). Callable without a session, like MW's
 * apps/manifests servlet. `capabilities` carries `autologin` only while
 * com.openexchange.sessiond.autologin is on (MW LoginConfiguration's
 * CAPABILITY_AUTOLOGIN), which is how a client learns whether autologin works.
 */
import { data } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import { SERVER_VERSION } from '../health.ts';
import { autologinEnabled } from './login.ts';

const LANGUAGES = { en_US: 'English (US)', de_DE: 'Deutsch' };

/** What a default user of this stand-in may use (the modules it serves). */
const USER_CAPABILITIES = ['webmail', 'calendar', 'contacts', 'infostore', 'drive', 'tasks', 'multiple_mail_accounts'];

function capabilities(ctx: NodeContext, withSession: boolean): { id: string; attributes: Record<string, unknown> }[] {
  const ids = [...(withSession ? USER_CAPABILITIES : []), ...(autologinEnabled(ctx) ? ['autologin'] : [])];
  return ids.map((id) => ({ id, attributes: {} }));
}

export function serverConfig(req: OxRequest, ctx: NodeContext): Record<string, unknown> {
  return {
    serverVersion: SERVER_VERSION,
    productName: 'OX App Suite',
    pageTitle: 'OX App Suite',
    languages: LANGUAGES,
    capabilities: capabilities(ctx, req.session !== undefined),
  };
}

async function config(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  if (req.subPath !== 'manifests') throw new OxError('SVL-0007', [`apps/${req.subPath}`]);
  return data(serverConfig(req, ctx));
}

export const appsModule: OxModule = { name: 'apps', public: true, actions: { config } };
