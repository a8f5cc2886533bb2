import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiHandler } from '../../../src/sandbox/ui/handler.ts';

const brandRoot = path.resolve(import.meta.dirname, '../../../fixtures/brand');

interface TestUi {
  server: Server;
  base: string;
}

/** A plain HTTP server that answers with the UI handler and 404 "not-ui" when it declines. */
async function startUi(brand: string): Promise<TestUi> {
  const handle = createUiHandler({ brandDir: path.join(brandRoot, brand), now: () => new Date('2031-05-04T12:00:00Z') });
  const server = createServer((req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not-ui');
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** GET with path and headers sent as given (fetch normalises ".." and adds no-cache to conditional requests). */
function rawGet(base: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function attribute(html: string, selector: RegExp): string | undefined {
  return selector.exec(html)?.[1];
}

let acme: TestUi;
let globex: TestUi;

beforeAll(async () => {
  [acme, globex] = await Promise.all([startUi('acme'), startUi('globex')]);
});

afterAll(async () => {
  await Promise.all([acme, globex].map((ui) => new Promise((resolve) => ui?.server.close(resolve))));
});

describe('the login page', () => {
  it('carries the App Suite 7.10 login element ids', async () => {
    const response = await fetch(`${acme.base}/appsuite/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const html = await response.text();
    for (const id of [
      'io-ox-login-screen', 'io-ox-login-container', 'io-ox-login-form', 'io-ox-login-username', 'io-ox-login-password',
      'io-ox-login-button', 'io-ox-login-feedback', 'io-ox-login-header', 'io-ox-login-header-prefix', 'io-ox-login-header-label',
      'io-ox-login-toolbar', 'io-ox-login-content', 'io-ox-login-box', 'box-form-header', 'box-form-body', 'login-title',
      'io-ox-login-teaser', 'io-ox-login-footer', 'io-ox-copyright', 'background-loader', 'io-ox-core', 'favicon',
    ]) {
      expect(html, `#${id}`).toContain(`id="${id}"`);
    }
    expect(html).toMatch(/<form id="io-ox-login-form" method="post"/);
    expect(html).toMatch(/<button type="submit" id="io-ox-login-button"[^>]*>Sign in<\/button>/);
    expect(html).toMatch(/<input type="text" id="io-ox-login-username" name="username"/);
    expect(html).toMatch(/<input type="password" id="io-ox-login-password" name="password"/);
    expect(html).toContain('<div id="background-loader" class="busy">');
    expect(html).toContain('<img class="login-logo" src="/appsuite/apps/themes/acme/logo.svg" alt="Acme Workplace">');
  });

  it('takes title, texts and colours from the brand', async () => {
    const html = await (await fetch(`${acme.base}/appsuite/index.html`)).text();
    expect(attribute(html, /<title>([^<]*)<\/title>/)).toBe('Acme Workplace');
    expect(attribute(html, /<span id="io-ox-login-header-prefix">([^<]*)</)).toBe('Acme');
    expect(attribute(html, /<span id="io-ox-login-header-label">([^<]*)</)).toBe('Workplace');
    expect(attribute(html, /<span id="login-title">([^<]*)</)).toBe('Sign in to Acme Workplace');
    expect(attribute(html, /<div id="io-ox-login-teaser">([^<]*)</)).toContain('every Acme employee');
    expect(attribute(html, /<span id="io-ox-copyright">([^<]*)</)).toBe('© 2031 Acme Corporation');
    expect(attribute(html, /<link id="favicon" rel="icon" href="([^"]*)"/)).toBe('/appsuite/apps/themes/acme/favicon.svg');
    expect(attribute(html, /<meta name="theme-color" content="([^"]*)"/)).toBe('#1d3557');
    const style = attribute(html, /<style data-src="login-page-configuration">([^<]*)<\/style>/) ?? '';
    expect(style).toContain('#io-ox-login-button { background-color: #e63946;');
    expect(style).toContain('#io-ox-login-container { background: #264653; }');
    expect(style).toContain('#io-ox-forgot-password a { color: #457b9d; }');
    expect(html).toContain('class="login-box-left"');
  });

  it('looks different with the second brand', async () => {
    const html = await (await fetch(`${globex.base}/appsuite/`)).text();
    expect(attribute(html, /<title>([^<]*)<\/title>/)).toBe('Globex Connect');
    expect(attribute(html, /<span id="io-ox-login-header-prefix">([^<]*)</)).toBe('Globex');
    expect(attribute(html, /<span id="login-title">([^<]*)</)).toBe('Welcome to Globex Connect');
    expect(attribute(html, /<span id="io-ox-copyright">([^<]*)</)).toBe('© 2009-2031 Globex Holdings Ltd.');
    expect(attribute(html, /<link id="favicon" rel="icon" href="([^"]*)"/)).toBe('/appsuite/apps/themes/globex/globex-favicon.svg');
    expect(html).toContain('#io-ox-login-button { background-color: #7c3aed;');
    expect(html).toContain('class="login-box-right"');
    // globex configures neither a forgot-password link nor an information message
    expect(html).not.toContain('id="io-ox-forgot-password"');
    expect(html).not.toContain('id="io-ox-information-message"');
  });

  it('redirects /appsuite to /appsuite/', async () => {
    const response = await fetch(`${acme.base}/appsuite`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/appsuite/');
  });
});

describe('the server config', () => {
  it('is the brand as App Suite returns it from manifests?action=config', async () => {
    const response = await fetch(`${acme.base}/appsuite/api/apps/manifests?action=config`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { data } = (await response.json()) as { data: Record<string, any> };
    expect(data.productName).toBe('Acme Workplace');
    expect(data.pageTitle).toBe('Acme Workplace');
    expect(data.pageHeaderPrefix).toBe('Acme');
    expect(data.pageHeader).toBe('Workplace');
    expect(data.copyright).toBe('(c) $year Acme Corporation');
    expect(data.forgotPassword).toBe('https://acme.example/it/password-reset');
    expect(data.loginPage.form.header.title).toBe('Sign in to Acme Workplace');
    expect(data.loginPage.form.button.bgColor).toBe('#e63946');
    expect(data.loginPage.loginBox).toBe('left');
    expect(data.loginPage.logo).toBe('/appsuite/apps/themes/acme/logo.svg');
    expect(data.loginPage.footer.$privacy).toBe('https://acme.example/privacy');
  });

  it('differs for the second brand', async () => {
    const { data } = (await (await fetch(`${globex.base}/appsuite/api/apps/manifests?action=config`)).json()) as { data: Record<string, any> };
    expect(data.productName).toBe('Globex Connect');
    expect(data.forgotPassword).toBe(false);
    expect(data.loginPage.loginBox).toBe('right');
    expect(data.loginPage.form.button.bgColor).toBe('#7c3aed');
  });
});

describe('static files', () => {
  it('serves the brand logo and favicon with their content type', async () => {
    const logo = await fetch(`${acme.base}/appsuite/apps/themes/acme/logo.svg`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(logo.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await logo.text()).toContain('ACME');
    const favicon = await fetch(`${globex.base}/appsuite/apps/themes/globex/globex-favicon.svg`);
    expect(favicon.status).toBe(200);
  });

  it('serves the versioned assets for good and answers revalidation with 304', async () => {
    const html = await (await fetch(`${acme.base}/appsuite/`)).text();
    const css = attribute(html, /<link rel="stylesheet" href="([^"]*)"/) ?? '';
    const script = attribute(html, /<script type="module" src="([^"]*)"/) ?? '';
    expect(css).toMatch(/^\/appsuite\/v=[0-9a-f]{12}\/ui\.css$/);
    const cssResponse = await fetch(acme.base + css);
    expect(cssResponse.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(cssResponse.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = cssResponse.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await rawGet(acme.base, css, { 'If-None-Match': etag })).status).toBe(304);
    const scriptResponse = await fetch(acme.base + script);
    expect(scriptResponse.status).toBe(200);
    expect(scriptResponse.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('declines paths it does not know', async () => {
    for (const unknown of ['/appsuite/nope.html', '/appsuite/api/apps/manifests?action=all', '/appsuite/v=1/missing.js', '/ajax/login', '/', '/appsuite/apps/themes/globex/logo.svg']) {
      const response = await fetch(acme.base + unknown);
      expect(await response.text(), unknown).toBe('not-ui');
    }
  });

  it('refuses to serve anything else from the brand folder, however the path is spelt', async () => {
    for (const attempt of [
      '/appsuite/apps/themes/acme/brand.json',
      '/appsuite/apps/themes/acme/../acme/brand.json',
      '/appsuite/apps/themes/acme/%2e%2e/acme/brand.json',
      '/appsuite/apps/themes/acme/..%2fbrand.json',
      '/appsuite/apps/themes/acme/..%2f..%2f..%2f..%2fpackage.json',
      '/appsuite/apps/themes/..%2facme/brand.json',
      '/appsuite/v=1/..%2f..%2fhandler.ts',
      '/appsuite/v=1/%2e%2e/handler.ts',
      '/appsuite/v=1/%zz',
    ]) {
      const response = await rawGet(acme.base, attempt);
      expect(response.status, attempt).toBe(404);
      expect(response.body, attempt).toBe('not-ui');
    }
  });
});
