/** Module table and the dispatch every request (and every /multiple item) goes through. */
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';
import { chronosModule } from './chronos.ts';
import { configModule } from './config.ts';
import { contactsModule } from './contacts.ts';
import { exportModule } from './export.ts';
import { foldersModule } from './folders.ts';
import { importModule } from './import.ts';
import { infostoreModule } from './infostore.ts';
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
    importModule,
    exportModule,
    passwordchangeModule,
    quotaModule,
    multipleModule,
  ].map((m) => [m.name, m]),
);

export async function dispatch(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const module = MODULES.get(req.module);
  if (!module) throw new OxError('SVL-0001', [req.module]);
  if (!module.public) req.session = requireSession(req, ctx);
  if (req.action === '' && module.noAction) return module.noAction(req, ctx);
  const handler = module.actions[req.action];
  if (!handler) {
    if (req.action === '') throw new OxError('SVL-0002', ['action']);
    throw new OxError('SVL-0003', [req.action, req.module]);
  }
  return handler(req, ctx);
}
