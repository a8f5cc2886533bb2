/** Module table and the dispatch every request (and every /multiple item) goes through. */
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { addWarnings, OxError } from '../envelope.ts';
import { appsModule } from './apps.ts';
import { chronosModule } from './chronos.ts';
import { configModule } from './config.ts';
import { contactsModule } from './contacts.ts';
import { exportModule } from './export.ts';
import { foldersModule } from './folders.ts';
import { importModule } from './import.ts';
import { filesModule, infostoreModule } from './infostore.ts';
import { jslobModule } from './jslob.ts';
import { loginModule, requireSession } from './login.ts';
import { mailModule } from './mail.ts';
import { multipleModule } from './multiple.ts';
import { passwordchangeModule } from './passwordchange.ts';
import { quotaModule } from './quota.ts';

const MODULES = new Map<string, OxModule>(
  [
    loginModule,
    configModule,
    jslobModule,
    foldersModule,
    mailModule,
    chronosModule,
    contactsModule,
    infostoreModule,
    filesModule,
    importModule,
    exportModule,
    passwordchangeModule,
    quotaModule,
    multipleModule,
    appsModule,
  ].map((m) => [m.name, m]),
);

/** Unknown module SVL-0007, unknown action SVL-0021 (MW Dispatcher); the login servlet answers SVL-0001 itself. */
export async function dispatch(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const module = MODULES.get(req.module);
  if (!module) throw new OxError('SVL-0007', [req.module]);
  if (!module.public && !(req.internal && req.session)) req.session = requireSession(req, ctx);
  let reply: OxReply;
  if (req.action === '' && module.noAction) reply = await module.noAction(req, ctx);
  else {
    const handler = module.actions[req.action];
    if (!handler) {
      if (req.action === '') throw new OxError('SVL-0002', ['action']);
      if (module.name === 'login') throw new OxError('SVL-0001', [req.action]);
      throw new OxError('SVL-0021', [req.action, req.module]);
    }
    reply = await handler(req, ctx);
  }
  return req.internal ? reply : withInjectedWarning(reply, req, ctx);
}

/** The warnings fault: a successful answer gets a warning, written as MW ResponseWriter does. */
function withInjectedWarning(reply: OxReply, req: OxRequest, ctx: NodeContext): OxReply {
  if (reply.kind !== 'data' && reply.kind !== 'top' && reply.kind !== 'json-text') return reply;
  const warning = ctx.faults.warningFor(req.module, req.action);
  if (!warning) return reply;
  if (reply.kind === 'json-text') {
    const parsed = JSON.parse(reply.text) as Record<string, unknown>;
    return 'error' in parsed ? reply : { kind: 'top', body: addWarnings(parsed, [warning]) };
  }
  if (reply.kind === 'top') return 'error' in reply.body ? reply : { ...reply, warnings: [...(reply.warnings ?? []), warning] };
  return { ...reply, warnings: [...(reply.warnings ?? []), warning] };
}
