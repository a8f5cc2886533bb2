/**
 * Test support: a tiny HTTP server that answers the k6 client the way real OX
 * answers in one situation (a warning next to data, a bare 403 on logout, a
 * 429 with Retry-After …). Each test hands in the answers it needs; the server
 * records every request (time, VU, User-Agent) for the assertions.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  at: number;
  method: string;
  /** Below /ajax, e.g. `/login`. */
  path: string;
  action: string;
  /** VU number from the login's authId (`signoff-<vu>-<n>`) or the session id the server gave out. */
  vu: string;
  userAgent: string;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Answers one request; undefined falls back to the default (login ok, logout empty 200, `{"data":[]}`). */
export type Answerer = (req: SeenRequest) => Answer | undefined;

/** OX writes its JSON answers as text/javascript (MW LoginServlet.CONTENTTYPE_JAVASCRIPT). */
export function oxJson(value: unknown, status = 200): Answer {
  return { status, headers: { 'content-type': 'text/javascript; charset=UTF-8' }, body: JSON.stringify(value) };
}

/** What MW ResponseWriter.addWarnings puts next to `data`. */
export function warningFields(code: string): Record<string, unknown> {
  return { error: 'A warning', error_params: [], categories: 'WARNING', category: 13, code, error_id: '1-1', error_desc: 'A warning' };
}

export function errorEnvelope(code: string, category = 'USER_INPUT', number = 1): Record<string, unknown> {
  return { error: 'An error', error_params: [], categories: category, category: number, code, error_id: '1-2', error_desc: 'An error' };
}

function defaultAnswer(req: SeenRequest): Answer {
  if (req.path === '/login' && req.action === 'login') return oxJson({ session: `s-${req.vu}-${Math.random().toString(36).slice(2)}`, user: 'u', user_id: 3, context_id: 1, locale: 'en_US' });
  if (req.path === '/login' && req.action === 'logout') return { status: 200 };
  return oxJson({ data: [] });
}

function vuOf(url: URL): string {
  const authId = url.searchParams.get('authId');
  if (authId) return authId.split('-')[1] ?? '?';
  const session = url.searchParams.get('session');
  return session?.split('-')[1] ?? '?';
}

export interface FakeOx {
  url: string;
  seen: SeenRequest[];
  answer: Answerer;
  close(): Promise<void>;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.on('data', () => undefined);
    req.on('end', resolve);
  });
}

export async function startFakeOx(): Promise<FakeOx> {
  const fake: FakeOx = { url: '', seen: [], answer: () => undefined, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    void drain(req).then(() => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seen: SeenRequest = {
        at: Date.now(),
        method: req.method ?? 'GET',
        path: url.pathname.replace(/^\/ajax/, ''),
        action: url.searchParams.get('action') ?? '',
        vu: vuOf(url),
        userAgent: String(req.headers['user-agent'] ?? ''),
      };
      fake.seen.push(seen);
      const answer = fake.answer(seen) ?? defaultAnswer(seen);
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
