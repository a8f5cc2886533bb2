/**
 * Serves files from one folder, but only those named in an allow-list built
 * up front, so no request path can reach anything else (no traversal, no
 * dotfiles). `send` does the HTTP part: content type, ETag, 304, HEAD, ranges.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdir } from 'node:fs/promises';
import send from 'send';

export interface StaticFolder {
  root: string;
  /** Relative paths with "/" separators, exactly as they may be requested. */
  files: ReadonlySet<string>;
}

/** Lists every regular file below `root` (the allow-list for `serveAllowed`). */
export async function listFolder(root: string): Promise<StaticFolder> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.length + 1).replaceAll('\\', '/'));
  return { root, files: new Set(files) };
}

export interface CachePolicy {
  /** Seconds a browser may reuse the response without asking. */
  maxAgeSeconds: number;
  /** For URLs that change whenever the content does (versioned paths). */
  immutable: boolean;
}

/**
 * Sends `relativePath` from the folder if it is on the allow-list and resolves
 * true; resolves false (nothing sent) for any other path.
 */
export function serveAllowed(
  req: IncomingMessage,
  res: ServerResponse,
  folder: StaticFolder,
  relativePath: string,
  cache: CachePolicy,
): Promise<boolean> {
  if (!folder.files.has(relativePath)) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const stream = send(req, `/${relativePath}`, {
      root: folder.root,
      index: false,
      dotfiles: 'deny',
      maxAge: cache.maxAgeSeconds * 1000,
      immutable: cache.immutable,
    });
    stream.on('headers', () => {
      // SVG can carry script; never let it run in our origin when opened directly.
      if (relativePath.endsWith('.svg')) res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
    });
    stream.on('error', (error: Error & { status?: number }) => {
      if (res.headersSent) return reject(error);
      res.writeHead(error.status ?? 500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${error.status ?? 500} ${error.message}\n`);
      resolve(true);
    });
    res.on('close', () => resolve(true));
    stream.pipe(res);
  });
}
