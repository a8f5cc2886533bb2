/**
 * Checks one answer body against the contract of the call that produced it,
 * by name (`module.action`): the envelope first (success, success with
 * warnings, error), then — for successes — `data` against the action's
 * schema. Column-based answers need the request's `columns`.
 * No Node built-ins: usable by the Node client and bundled into k6.
 */
import * as z from 'zod/mini';
import { chronosEvent, chronosEvents } from './chronos.ts';
import { compositionSpace } from './compose.ts';
import { classifyEnvelope } from './envelope.ts';
import { folderRows, visibleFolders } from './folders.ts';
import { classifyLogin } from './login.ts';
import { mailConversations, mailRows } from './mail.ts';
import { classifyMultiple } from './multiple.ts';

/** The k6 bundle carries this module or verify-off.ts (signoff-contract alias): whether answers are checked. */
export const VERIFYING = true;

export interface VerifyParams {
  /** The `columns` request parameter of column-based calls. */
  columns?: string;
  /** `/multiple`: how many requests were sent. */
  requests?: number;
}

export type Verdict = { ok: true } | { ok: false; problem: string };

type DataSchema = (params: VerifyParams) => z.ZodMiniType;

const anyRows = z.array(z.array(z.unknown()));
const withColumns = (build: (columns: string) => z.ZodMiniType, fallback: z.ZodMiniType): DataSchema => (p) => (p.columns ? build(p.columns) : fallback);

/** Data schemas by call name; a name not listed is checked for its envelope only. */
const DATA: Record<string, DataSchema> = {
  'mail.all': withColumns(mailRows, anyRows),
  'mail.list': withColumns(mailRows, anyRows),
  'mail.threadedAll': withColumns(mailConversations, z.array(z.looseObject({ thread: z.array(z.looseObject({})) }))),
  'folders.list': withColumns(folderRows, anyRows),
  'folders.root': withColumns(folderRows, anyRows),
  'folders.allVisible': withColumns(visibleFolders, z.looseObject({})),
  'chronos.all': () => chronosEvents(),
  'chronos.get': () => chronosEvent(),
  'mail.compose': () => compositionSpace(),
  'mail.compose.get': () => compositionSpace(),
  'mail.compose.patch': () => compositionSpace(),
};

export const CONTRACT_NAMES = ['login.login', 'multiple', ...Object.keys(DATA)] as const;

function problemOf(error: z.core.$ZodError): Verdict {
  return { ok: false, problem: z.prettifyError(error) };
}

export function verifyResponse(name: string, body: unknown, params: VerifyParams = {}): Verdict {
  if (name === 'login.login') {
    const outcome = classifyLogin(body);
    return outcome.kind === 'invalid' ? { ok: false, problem: outcome.reason } : { ok: true };
  }
  if (name === 'multiple') {
    const outcomes = classifyMultiple(body, params.requests ?? (Array.isArray(body) ? body.length : 0));
    if (!Array.isArray(outcomes)) return { ok: false, problem: outcomes.reason };
    const bad = outcomes.findIndex((o) => o.kind === 'invalid');
    return bad < 0 ? { ok: true } : { ok: false, problem: `item ${bad}: ${(outcomes[bad] as { reason: string }).reason}` };
  }
  const outcome = classifyEnvelope(body);
  if (outcome.kind === 'invalid') return { ok: false, problem: outcome.reason };
  if (outcome.kind === 'error') return { ok: true };
  const schema = DATA[name];
  if (!schema) return { ok: true };
  const parsed = schema(params).safeParse(outcome.data);
  return parsed.success ? { ok: true } : problemOf(parsed.error);
}
