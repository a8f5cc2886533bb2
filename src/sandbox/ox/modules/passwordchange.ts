/** /ajax/passwordchange: LDAP modify of userPassword as the user (body `{old_password, new_password}`). */
import { data, sessionOf } from '../context.ts';
import type { NodeContext, OxModule, OxReply, OxRequest } from '../context.ts';
import { OxError } from '../envelope.ts';

async function update(req: OxRequest, ctx: NodeContext): Promise<OxReply> {
  const session = sessionOf(req);
  const body = (req.body ?? {}) as { old_password?: unknown; new_password?: unknown };
  if (typeof body.old_password !== 'string') throw new OxError('SVL-0009', ['old_password missing']);
  if (typeof body.new_password !== 'string' || body.new_password === '') throw new OxError('PSW-0002');
  await ctx.ldap.changePassword(session.user.dn, body.old_password, body.new_password);
  // Every session of the user on this node now authenticates backends with the new password.
  for (const s of ctx.sessions.ofUser(session.user.contextId, session.user.uid)) s.password = body.new_password;
  ctx.imap.updatePassword(session.user, body.new_password);
  return data({});
}

export const passwordchangeModule: OxModule = { name: 'passwordchange', actions: { update } };
