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

/** A required request parameter, or SVL-0002 naming it. */
export function param(req: OxRequest, name: string): string {
  const value = req.params.get(name);
  if (value === null || value === '') throw new OxError('SVL-0002', [name]);
  return value;
}

export function intParam(req: OxRequest, name: string): number | undefined {
  const value = req.params.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new OxError('SVL-0011', [name, value]);
  return n;
}

export function columnsParam(req: OxRequest): string[] {
  return param(req, 'columns').split(',').map((c) => c.trim()).filter((c) => c !== '');
}

/** Applies `limit` (0..N, or "a,b") or `left_hand_limit`/`right_hand_limit` to a sorted list. */
export function applyLimits<T>(items: T[], req: OxRequest): T[] {
  const limit = req.params.get('limit');
  if (limit) {
    const [a, b] = limit.split(',').map(Number);
    if (b !== undefined && Number.isFinite(a) && Number.isFinite(b)) return items.slice(a, b);
    if (Number.isFinite(a)) return items.slice(0, a);
  }
  const left = intParam(req, 'left_hand_limit');
  const right = intParam(req, 'right_hand_limit');
  if (left === undefined && right === undefined) return items;
  return items.slice(left ?? 0, right ?? items.length);
}

/** The zone for OX "Time" values: the `timezone` parameter, else the user's. */
export function timeZoneOf(req: OxRequest): string {
  return req.params.get('timezone') || req.session?.user.timezone || 'UTC';
}
