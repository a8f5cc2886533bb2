/**
 * End to end through the sandbox: Apache balancer → stand-in node → this UI,
 * in headless Chromium, with the second brand, the way the GUI smoke checks
 * will drive a real App Suite 7.10.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';

const CHROMIUM = '/usr/bin/chromium';
const repo = path.resolve(import.meta.dirname, '../../..');
const SANDBOX = 'ui-login-e2e';

let sandbox: SandboxInfo | undefined;
let browser: Browser | undefined;
let page: Page;
let login: string;
let password: string;

/** The bits of the browser's DOM used here (this project's TS has no DOM lib). */
interface PageWindow {
  getComputedStyle(element: unknown): { getPropertyValue(property: string): string };
}

function computedStyle(selector: string, property: string): Promise<string> {
  return page.locator(selector).evaluate((element, name) => (globalThis as unknown as PageWindow).getComputedStyle(element).getPropertyValue(name), property);
}

describe.skipIf(!existsSync(CHROMIUM))('the web UI in a browser, through the balancer', () => {
  beforeAll(async () => {
    const { accounts } = await loadAccounts(path.join(repo, 'fixtures/accounts.csv'), { strict: true });
    const account = accounts[0];
    if (!account?.password) throw new Error('fixtures/accounts.csv: the first account needs a password');
    login = account.login;
    password = account.password;
    sandbox = await sandboxUp({ name: SANDBOX, nodes: 2, brandDir: path.join(repo, 'fixtures/brand/globex') });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    // As OX's e2e login does: open the UI, wait for the focused user name field (loader gone).
    await page.goto(`${sandbox.balancerUrl}/appsuite/#!!&app=io.ox/mail`);
    await page.locator('#io-ox-login-username:focus').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    if (sandbox) await sandboxDown(SANDBOX);
  });

  it('shows the branded login page', async () => {
    expect(await page.title()).toBe('Globex Connect');
    await expect.poll(() => page.locator('#background-loader.busy').count()).toBe(0);
    expect(await page.locator('#box-form-header').innerText()).toBe('Welcome to Globex Connect');
    const button = page.locator('#io-ox-login-button');
    expect(await button.innerText()).toBe('Sign in');
    expect(await computedStyle('#io-ox-login-button', 'background-color')).toBe('rgb(124, 58, 237)');
    const logo = await page.locator('img.login-logo').evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number; getAttribute(name: string): string | null };
      return { loaded: img.complete && img.naturalWidth > 0, src: img.getAttribute('src') };
    });
    expect(logo).toEqual({ loaded: true, src: '/appsuite/apps/themes/globex/globex-logo.svg' });
  });

  it('refuses a wrong password with the LGI-0006 message', async () => {
    await page.fill('#io-ox-login-username', login);
    await page.fill('#io-ox-login-password', `${password}-wrong`);
    await page.click('#io-ox-login-button');
    await page.locator('#io-ox-login-feedback .alert').waitFor();
    expect(await page.locator('#io-ox-login-feedback').innerText()).toBe('The user name or password is incorrect.');
  });

  it('signs in and shows the mail list of the inbox', async () => {
    await page.fill('#io-ox-login-username', login);
    await page.fill('#io-ox-login-password', password);
    await page.click('#io-ox-login-button');
    await page.locator('#io-ox-core').waitFor();
    await page.locator('[data-ref="io.ox/mail/listview"] li.list-item').first().waitFor();
    expect(await page.locator('.list-view li.list-item').count()).toBeGreaterThan(0);
    expect(await page.locator('.io-ox-mail-window .folder-tree [data-id="virtual/standard"]').count()).toBe(1);
    expect(await page.locator('#io-ox-top-logo img').getAttribute('alt')).toBe('Globex Connect');
    expect(await computedStyle('#io-ox-appcontrol', 'background-color')).toBe('rgb(20, 83, 45)');
    expect(await page.title()).toBe('Globex Connect - Mail');
  });

  it('opens a mail with its subject and body', async () => {
    const first = page.locator('.list-view li.list-item').first();
    const subject = await first.locator('.subject').innerText();
    await first.click();
    await page.locator('.mail-detail-pane h1.subject').waitFor();
    expect(await page.locator('.mail-detail-pane h1.subject').innerText()).toBe(subject);
    await page.frameLocator('.mail-detail-frame').locator('.mail-detail-content').waitFor();
  });

  it('shows the brand about text in the about dialog', async () => {
    await page.click('#io-ox-topbar-account-dropdown-icon .dropdown-toggle');
    await page.click('#topbar-account-dropdown a[data-name="about"]');
    const dialog = page.locator('.modal.about-dialog .modal-dialog');
    expect(await dialog.locator('.modal-title').innerText()).toBe('Globex Connect');
    expect(await dialog.innerText()).toContain('Globex Connect, the collaboration service of Globex Holdings.');
    await dialog.locator('[data-action="cancel"]').click();
  });

  it('signs out back to the login page', async () => {
    await page.click('#io-ox-topbar-account-dropdown-icon .dropdown-toggle');
    await page.click('#topbar-account-dropdown a[data-name="logout"]');
    await page.locator('#io-ox-login-username:focus').waitFor();
    expect(await page.locator('#io-ox-core').isHidden()).toBe(true);
  });
});
