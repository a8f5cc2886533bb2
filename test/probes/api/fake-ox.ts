/** A tiny local HTTP server that answers `<module>.<action>` as the test tells it (for client parsing tests). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  path: string;
  query: URLSearchParams;
  body: string;
}
export type Reply = { status?: number; type?: string; body: string };
export type Handler = (seen: Seen) => Reply;

export const json = (value: unknown, status = 200): Reply => ({ status, type: 'application/json; charset=UTF-8', body: JSON.stringify(value) });

export interface FakeOx {
  baseUrl: string;
  handlers: Record<string, Handler>;
  seen: Seen[];
  close(): Promise<void>;
}

function keyOf(url: URL): string {
  const action = url.searchParams.get('action');
  return `${url.pathname.replace(/^\/ajax\//, '')}${action ? `.${action}` : ''}`;
}

export async function startFakeOx(): Promise<FakeOx> {
  const fake: FakeOx = { baseUrl: '', handlers: {}, seen: [], close: async () => undefined };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const entry: Seen = { path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') };
      fake.seen.push(entry);
      const reply = fake.handlers[keyOf(url)]?.(entry) ?? json({ error: 'Unknown action', code: 'SVL-0001' });
      res.writeHead(reply.status ?? 200, reply.type ? { 'content-type': reply.type } : {});
      res.end(reply.body);
    });
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
