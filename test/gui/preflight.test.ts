/**
 * What stops or fails the GUI checks before a page is tested: an invalid
 * brand spec (located errors), Chromium missing (TOOL_MISSING with the fix),
 * and an unreachable UI (failed checks within the timeout, no hang).
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBrand } from '../../src/config/brand.ts';
import { SignoffError } from '../../src/errors.ts';
import { DEFAULT_CHROMIUM, runGuiChecks } from '../../src/gui/run.ts';
import { fixtureAccounts, newRunDir, REPO } from './support.ts';

/** A port nothing listens on: bound once by us, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GUI checks preflight', () => {
  it('rejects an invalid brand spec with the file and the JSON path of each problem', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'signoff-brand-'));
    await cp(path.join(REPO, 'fixtures/brand/acme'), dir, { recursive: true });
    const spec = JSON.parse(await readFile(path.join(dir, 'brand.json'), 'utf8')) as { colors: { topbar: string }; loginPage: { footer: { copyright: string } } };
    spec.colors.topbar = 'navy';
    spec.loginPage.footer.copyright = '';
    await writeFile(path.join(dir, 'brand.json'), JSON.stringify(spec));
    const error = await loadBrand(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignoffError);
    expect((error as SignoffError).code).toBe('CONFIG_INVALID');
    expect((error as SignoffError).message).toContain(`${path.join(dir, 'brand.json')}: colors.topbar: expected a hex colour`);
    expect((error as SignoffError).message).toContain('loginPage.footer.copyright');
  });

  it('reports a missing Chromium as TOOL_MISSING naming /usr/bin/chromium and the fix', async () => {
    const dirs = await newRunDir('no-chromium');
    const error = await runGuiChecks({
      baseUrl: 'http://127.0.0.1:9', uiPath: '/appsuite/', selectorSet: '7.10', accounts: await fixtureAccounts(), ...dirs,
      chromiumPath: path.join(dirs.runDir, 'no-such-chromium'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignoffError);
    expect((error as SignoffError).code).toBe('TOOL_MISSING');
    expect((error as SignoffError).message).toContain('no-such-chromium');
    expect((error as SignoffError).hint).toContain('apt-get install chromium');
    expect((error as SignoffError).hint).toContain('/usr/bin/chromium');
    expect((error as SignoffError).hint).toContain('npm run bootstrap');
  });

  it.skipIf(!existsSync(DEFAULT_CHROMIUM))('fails the checks of an unreachable UI within the timeout instead of hanging', async () => {
    const dirs = await newRunDir('unreachable');
    const port = await closedPort();
    const brand = await loadBrand(path.join(REPO, 'fixtures/brand/acme'));
    const out = await runGuiChecks({
      baseUrl: `http://127.0.0.1:${port}`, uiPath: '/appsuite/', selectorSet: '7.10', brand, accounts: await fixtureAccounts(),
      projects: ['desktop'], timeoutMs: 45_000, ...dirs,
    });
    const first = out.checks.find((c) => c.id === 'gui.desktop.smoke.login-page');
    expect(first?.status).toBe('failed');
    expect(first?.error?.message).toContain('ERR_CONNECTION_REFUSED');
    expect(out.checks.find((c) => c.id === 'branding.desktop.login-texts')?.status).toBe('failed');
    expect(out.checks.filter((c) => c.status === 'passed')).toEqual([]);
    // Refused at once, not cut off by the deadline.
    expect(out.checks.filter((c) => c.error?.code === 'GUI_TIMEOUT')).toEqual([]);
  }, 90_000);
});
