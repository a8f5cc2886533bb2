/**
 * Serves the App Suite stand-in web UI under /appsuite/: the branded page
 * (login screen, then the shell built by the scripts), the server config the
 * UI boots from (`api/apps/manifests?action=config`), the static assets under
 * a versioned path, and the brand's logo and favicon as theme assets.
 * Anything else resolves false so the node can answer it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { loadBrand, type Brand } from '../../config/brand.ts';
import { renderIndexPage } from './index-page.ts';
import { serverConfig } from './server-config.ts';
import { listFolder, serveAllowed, type StaticFolder } from './static.ts';

export interface UiHandlerOptions {
  brandDir: string;
  /** Clock for the copyright year; injectable for tests. */
  now?: () => Date;
}

const UI_PATH = '/appsuite/';
const ASSETS_DIR = path.join(import.meta.dirname, 'assets');
const YEAR_SECONDS = 365 * 24 * 3600;

interface UiState {
  brand: Brand;
  assets: StaticFolder;
  brandFiles: StaticFolder;
  /** Content hash of the assets: part of their URL, so they can be cached for good. */
  version: string;
}

async function loadState(brandDir: string): Promise<UiState> {
  const brand = await loadBrand(brandDir);
  const assets = await listFolder(ASSETS_DIR);
  const hash = createHash('sha256');
  for (const file of [...assets.files].sort()) hash.update(file).update(await readFile(path.join(ASSETS_DIR, file)));
  // Only the files the brand names are served from its folder (never brand.json).
  const brandFiles: StaticFolder = { root: brand.dir, files: new Set([brand.logo, brand.favicon]) };
  return { brand, assets, brandFiles, version: hash.digest('hex').slice(0, 12) };
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
  return true;
}

/** Returns a request handler that answers /appsuite/* and resolves true when it handled the request. */
export function createUiHandler(options: UiHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  let state: Promise<UiState> | undefined;
  const now = options.now ?? (() => new Date());

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const pathname = url.pathname;
    if (pathname !== '/appsuite' && !pathname.startsWith(UI_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/appsuite') {
      res.writeHead(302, { Location: UI_PATH + url.search }).end();
      return true;
    }
    // A broken brand fails the first request with the located error, and the next one tries again.
    state ??= loadState(options.brandDir).catch((error: unknown) => {
      state = undefined;
      throw error;
    });
    const { brand, assets, brandFiles, version } = await state;
    const rest = pathname.slice(UI_PATH.length);

    if (rest === '' || rest === 'index.html') {
      const html = renderIndexPage(brand, { uiPath: UI_PATH, assetBase: `${UI_PATH}v=${version}/`, year: now().getFullYear() });
      // The page carries the brand, which may change between sandbox runs: always revalidate.
      return send(res, 200, 'text/html; charset=utf-8', html, { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    }
    if (rest === 'api/apps/manifests' && url.searchParams.get('action') === 'config') {
      const body = JSON.stringify({ data: serverConfig(brand, UI_PATH) });
      return send(res, 200, 'application/json; charset=utf-8', body, { 'Cache-Control': 'no-store' });
    }
    const versioned = /^v=[^/]+\/(.+)$/.exec(rest);
    if (versioned?.[1] !== undefined) {
      return serveAllowed(req, res, assets, safeDecode(versioned[1]), { maxAgeSeconds: YEAR_SECONDS, immutable: true });
    }
    const theme = /^apps\/themes\/([^/]+)\/(.+)$/.exec(rest);
    if (theme?.[1] !== undefined && theme[2] !== undefined && safeDecode(theme[1]) === brand.name) {
      return serveAllowed(req, res, brandFiles, safeDecode(theme[2]), { maxAgeSeconds: 300, immutable: false });
    }
    return false;
  };
}

/** Percent-decodes a path part; malformed escapes yield a name no allow-list contains. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '\0';
  }
}
