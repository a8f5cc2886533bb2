/**
 * One App Suite stand-in node: HTTP server routing /appsuite/* (web UI),
 * /ajax/* (the OX HTTP API), /health, /metrics and the loopback admin endpoint.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { NODE_ADMIN_PATH } from '../types.ts';
import type { OxNodeConfig } from '../types.ts';
import { createUiHandler } from '../ui/handler.ts';
import { ImapPool } from './backends/imap.ts';
import { LdapBackend } from './backends/ldap.ts';
import { MailTransport } from './backends/lmtp.ts';
import { jsessionId, parseCookies, setCookie } from './cookies.ts';
import type { NodeContext, OxReply, OxRequest } from './context.ts';
import { addWarnings, callbackPage, errorEnvelope, OxError, successEnvelope, toOxError } from './envelope.ts';
import { FaultState, parseFaultSpec } from './faults.ts';
import { createHealth } from './health.ts';
import { isForm, isMultipart, parseJsonBody, readBody, readMultipart } from './http.ts';
import { createMetrics } from './metrics.ts';
import { dispatch } from './modules/index.ts';
import { downloadError, isDownload } from './modules/downloads.ts';
import { SessionTable } from './sessions.ts';
import { Store } from './store.ts';

/** Beyond this many requests in flight the node answers 503, like an overloaded backend. */
const MAX_IN_FLIGHT = 2_000;
const JSON_TYPE = 'application/json; charset=UTF-8';

export interface RunningNode {
  server: Server;
  ctx: NodeContext;
  close(): Promise<void>;
}

export async function startNode(config: OxNodeConfig): Promise<RunningNode> {
  const log = createWriteStream(config.logFile, { flags: 'a' });
  const logLine = (text: string) => log.write(`${new Date().toISOString()} ${config.route} ${text}\n`);
  const sessions = new SessionTable(config.sessionIdleMs);
  const ldap = new LdapBackend(config.ldap);
  const imap = new ImapPool(config.imap);
  const ctx: NodeContext = {
    config,
    sessions,
    store: new Store(config.dataDir),
    ldap,
    imap,
    transport: new MailTransport(config.lmtp),
    faults: new FaultState(),
    // Same on every node (shared token), unguessable from outside.
    cookieSalt: createHash('sha256').update(`cookie-salt\0${config.adminToken}`).digest('hex'),
    dispatch: (req) => dispatch(req, ctx),
  };
  const metrics = createMetrics(config.route, () => sessions.sweep());
  const health = createHealth(config.route, ldap, imap);
  const ui = createUiHandler({ brandDir: config.brandDir });
  let inFlight = 0;

  const handleAjax = async (req: IncomingMessage, res: ServerResponse, path: string, queryText: string) => {
    const started = performance.now();
    const rest = path.slice('/ajax/'.length);
    const slash = rest.indexOf('/');
    const module = slash < 0 ? rest : rest.slice(0, slash);
    const query = new URLSearchParams(queryText);
    const action = query.get('action') ?? '';
    let status = 'OK';
    const clientIp = ctx.faults.clientAddress(clientAddressOf(req));
    const limit = ctx.faults.limiter.check(path, clientIp, req.headers['user-agent']);
    if (limit.limited) {
      // MW RateLimitedException.send: 429, Retry-After in seconds, a plain-text error.
      metrics.observe(module, action, 'RATE_LIMITED', (performance.now() - started) / 1000);
      res.writeHead(429, { 'content-type': 'text/plain; charset=UTF-8', 'retry-after': String(limit.retryAfterSeconds) });
      res.end('Too Many Requests - Your request is being rate limited.\n');
      return;
    }
    try {
      const latency = ctx.faults.latencyFor(module, action);
      if (latency > 0) await sleep(latency);
      const fault = ctx.faults.errorFor(module, action);
      if (fault.kind === 'http503') {
        status = 'SERVICE_DOWN';
        res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable (injected fault)\n');
        return;
      }
      if (fault.kind === 'envelope') throw fault.error;
      const oxReq = await toOxRequest(req, module, action, slash < 0 ? '' : rest.slice(slash + 1), query);
      oxReq.clientIp = clientIp;
      // A servlet container that receives another node's JSESSIONID starts its own
      // HTTP session: clients then see the route change (what stickiness checks detect).
      const jsession = oxReq.cookies.get('JSESSIONID');
      if (jsession && !jsession.endsWith(`.${config.route}`)) {
        res.setHeader('set-cookie', setCookie('JSESSIONID', jsessionId(config.route), { secure: oxReq.secure }));
      }
      const reply = await dispatch(oxReq, ctx);
      writeReply(res, reply);
    } catch (error) {
      const oxError = toOxError(error);
      status = oxError.category;
      if (oxError.code === 'SRV-0001') logLine(`error ${module}/${action}: ${(error as Error).stack ?? String(error)}`);
      const page = isDownload(module, action) ? downloadError(oxError, req.headers.accept) : undefined;
      if (page && !res.headersSent) res.writeHead(page.status, page.headers).end(page.body);
      else if (!res.headersSent) writeJson(res, 200, JSON.stringify(errorEnvelope(oxError)));
    } finally {
      metrics.observe(module, action, status, (performance.now() - started) / 1000);
    }
  };

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse) => {
    const remote = req.socket.remoteAddress ?? '';
    const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
    if (!loopback || req.headers['x-signoff-admin-token'] !== config.adminToken) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden\n');
      return;
    }
    if (req.method === 'DELETE') {
      ctx.faults.clear();
      writeJson(res, 200, JSON.stringify({ faults: [] }));
    } else if (req.method === 'POST') {
      let spec: ReturnType<typeof parseFaultSpec>;
      try {
        spec = parseFaultSpec(parseJsonBody(await readBody(req)));
      } catch {
        spec = 'body is not JSON';
      }
      if (typeof spec === 'string') {
        writeJson(res, 400, JSON.stringify({ error: spec }));
        return;
      }
      ctx.faults.apply(spec);
      logLine(`fault applied: ${JSON.stringify(spec)}`);
      writeJson(res, 200, JSON.stringify({ faults: ctx.faults.list() }));
    } else if (req.method === 'GET') {
      writeJson(res, 200, JSON.stringify({ faults: ctx.faults.list() }));
    } else {
      res.writeHead(405, { allow: 'GET, POST, DELETE' }).end();
    }
  };

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const queryText = q < 0 ? '' : url.slice(q + 1);
    if (inFlight >= MAX_IN_FLIGHT) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('overloaded\n');
      return;
    }
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    const work = async () => {
      if (path.startsWith('/ajax/')) return handleAjax(req, res, path, queryText);
      if (path === '/appsuite' || path.startsWith('/appsuite/')) {
        if (!(await ui(req, res)) && !res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      if (path === '/health') {
        const report = await health();
        writeJson(res, report.status === 'UP' ? 200 : 503, JSON.stringify(report));
        return;
      }
      if (path === '/metrics') {
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
        return;
      }
      if (path === NODE_ADMIN_PATH) return handleAdmin(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    };
    work().catch((error: unknown) => {
      logLine(`unhandled ${path}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;

  const sweeper = setInterval(() => {
    sessions.sweep();
    ctx.faults.limiter.sweep();
    imap.sweep(config.sessionIdleMs);
  }, 30_000);
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  logLine(`listening on http://${config.host}:${config.port}`);

  return {
    server,
    ctx,
    async close() {
      clearInterval(sweeper);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await imap.close();
      ctx.transport.close();
      ctx.store.close();
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
  };
}

async function toOxRequest(req: IncomingMessage, module: string, action: string, subPath: string, query: URLSearchParams): Promise<OxRequest> {
  const params = new URLSearchParams(query);
  const oxReq: OxRequest = {
    module,
    action,
    method: req.method ?? 'GET',
    params,
    query,
    body: undefined,
    subPath: decodeURIComponent(subPath),
    headers: req.headers,
    cookies: parseCookies(req.headers.cookie),
    secure: isSecure(req),
    inMultiple: false,
  };
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    if (isMultipart(req)) {
      const { fields, files } = await readMultipart(req);
      oxReq.fields = fields;
      oxReq.files = files;
    } else {
      const raw = await readBody(req);
      if (isForm(req)) {
        oxReq.fields = new Map(new URLSearchParams(raw.toString('utf8')));
        for (const [k, v] of oxReq.fields) if (k !== 'password' && !params.has(k)) params.set(k, v);
      } else {
        oxReq.rawBody = raw;
        const type = req.headers['content-type'] ?? '';
        const looksJson = /json/i.test(type) || /^\s*[[{"]/.test(raw.subarray(0, 16).toString('utf8'));
        if (!/^text\/plain|message\/rfc822/i.test(type) && looksJson) oxReq.body = parseJsonBody(raw);
      }
    }
  }
  return oxReq;
}

/** considerXForwards: the left-most X-Forwarded-For entry (Apache's mod_proxy adds it), else the peer address. */
function clientAddressOf(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const address = first || req.socket.remoteAddress || '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function isSecure(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';
}

function writeJson(res: ServerResponse, status: number, text: string, cookies?: string[]): void {
  const headers: Record<string, string | string[]> = { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) };
  if (cookies?.length) headers['set-cookie'] = cookies;
  res.writeHead(status, headers).end(text);
}

export function writeReply(res: ServerResponse, reply: OxReply): void {
  switch (reply.kind) {
    case 'data':
      writeJson(res, 200, JSON.stringify(successEnvelope(reply.data, reply.timestamp, reply.warnings)), reply.cookies);
      return;
    case 'json-text':
      writeJson(res, 200, reply.text);
      return;
    case 'top': {
      const body = reply.warnings?.length ? addWarnings({ ...(reply.body as Record<string, unknown>) }, reply.warnings) : reply.body;
      writeJson(res, 200, JSON.stringify(body), reply.cookies);
      return;
    }
    case 'status': {
      const headers: Record<string, string | string[]> = { 'content-length': '0' };
      if (reply.cookies?.length) headers['set-cookie'] = reply.cookies;
      res.writeHead(reply.status, headers).end();
      return;
    }
    case 'bare':
      writeJson(res, reply.status ?? 200, JSON.stringify(reply.body));
      return;
    case 'empty': {
      const headers: Record<string, string | string[]> = { 'content-length': '0' };
      if (reply.cookies?.length) headers['set-cookie'] = reply.cookies;
      res.writeHead(200, headers).end();
      return;
    }
    case 'raw': {
      const headers: Record<string, string> = { 'content-type': reply.contentType };
      if (reply.filename) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(reply.filename)}`;
      res.writeHead(200, headers).end(reply.body);
      return;
    }
    case 'callback': {
      const page = callbackPage(reply.action, reply.payload);
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'content-length': String(Buffer.byteLength(page)) }).end(page);
      return;
    }
  }
}

export { OxError };
