/**
 * The stand-in UI behaves like a default-configured real App Suite UI, in
 * headless Chromium through the balancer: the login form posts `name`; the
 * calendar opens in work-week (viewView 'week:workweek') and switches to Week
 * through its View menu (a phone opens the day view); compose opens the HTML editor (an iframe with a
 * contenteditable body) unless the user's messageFormat is 'text'
 * (textarea.plain-text); a reload tries autologin and shows the login page
 * when the server refuses it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../../../src/config/accounts.ts';
import { OxClient } from '../../../src/probes/api/ox-client.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../../src/sandbox/sandbox.ts';

const CHROMIUM = '/usr/bin/chromium';
const repo = path.resolve(import.meta.dirname, '../../..');
const SANDBOX = 'ui-defaults-e2e';

let sandbox: SandboxInfo | undefined;
let browser: Browser | undefined;
let page: Page;
let account: { login: string; password: string; email: string };

async function openLoginPage(): Promise<void> {
  if (!sandbox) throw new Error('sandbox not started');
  // Without the session cookies no autologin can resume a session, whatever the server allows.
  await page.context().clearCookies();
  await page.goto(`${sandbox.balancerUrl}/appsuite/`);
  await page.locator('#io-ox-login-username:focus').waitFor();
}

/** Signs in through the form; returns the body the form posted to login?action=login. */
async function signIn(): Promise<string> {
  await page.fill('#io-ox-login-username', account.login);
  await page.fill('#io-ox-login-password', account.password);
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/ajax/login') && r.url().includes('action=login')),
    page.click('#io-ox-login-button'),
  ]);
  await page.locator('#io-ox-core').waitFor();
  return request.postData() ?? '';
}

async function setMessageFormat(format: 'text' | 'html'): Promise<void> {
  if (!sandbox) throw new Error('sandbox not started');
  const client = new OxClient({ baseUrl: sandbox.balancerUrl, apiPath: sandbox.apiPath });
  try {
    await client.login(account.login, account.password);
    await client.call('jslob', 'update', { id: 'io.ox/mail' }, { method: 'PUT', body: JSON.stringify({ messageFormat: format }), headers: { 'Content-Type': 'application/json' } });
    await client.logout();
  } finally {
    await client.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM))('the stand-in UI with default settings, in a browser', () => {
  beforeAll(async () => {
    const { accounts } = await loadAccounts(path.join(repo, 'fixtures/accounts.csv'), { strict: true });
    const first = accounts[0];
    if (!first?.password) throw new Error('fixtures/accounts.csv: the first account needs a password');
    account = { login: first.login, password: first.password, email: first.email };
    sandbox = await sandboxUp({ name: SANDBOX, nodes: 1, brandDir: path.join(repo, 'fixtures/brand/acme') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (sandbox) await sandboxDown(SANDBOX);
  }, 120_000);

  it('posts the user name as the form field `name` (the only one real OX reads), never `login`', async () => {
    await openLoginPage();
    const body = new URLSearchParams(await signIn());
    expect(body.get('name')).toBe(account.login);
    expect(body.has('login')).toBe(false);
  });

  it('opens the calendar in work-week and switches to Week through the View menu', async () => {
    await page.click('#io-ox-quicklaunch [data-id="io.ox/calendar"]');
    const workweek = page.locator('.io-ox-calendar-window .page.current[data-page-id="io.ox/calendar/week:workweek"]');
    await workweek.locator('.weekview-container.workweek').waitFor();
    expect(await workweek.locator('.weekday').count()).toBe(5);
    expect(await page.locator('.io-ox-calendar-window .page.current[data-page-id="io.ox/calendar/week:week"]').count()).toBe(0);

    await page.click('.io-ox-calendar-window .classic-toolbar [data-dropdown="view"] [data-toggle="dropdown"]');
    await page.click('.dropdown-menu a[data-name="layout"][data-value="week:week"]');
    const week = page.locator('.io-ox-calendar-window .page.current[data-page-id="io.ox/calendar/week:week"]');
    await week.locator('.weekview-container.week').waitFor();
    expect(await week.locator('.weekday').count()).toBe(7);
    expect(await page.locator('a[data-name="layout"][data-value="week:week"]').getAttribute('aria-checked')).toBe('true');
  });

  it('opens the calendar in the day view on a phone, which has no week pages (as the real UI)', async () => {
    if (!browser || !sandbox) throw new Error('not started');
    const phone = await browser.newPage({ viewport: { width: 412, height: 900 } });
    try {
      await phone.goto(`${sandbox.balancerUrl}/appsuite/#!!&app=io.ox/calendar`);
      await phone.locator('#io-ox-login-username:focus').waitFor();
      await phone.fill('#io-ox-login-username', account.login);
      await phone.fill('#io-ox-login-password', account.password);
      await phone.click('#io-ox-login-button');
      const day = phone.locator('.io-ox-calendar-window .page.current[data-page-id="io.ox/calendar/week:day"]');
      await day.locator('.weekview-container.day').waitFor();
      expect(await day.locator('.weekday').count()).toBe(1);
      expect(await phone.locator('a[data-name="layout"][data-value="week:week"]').count()).toBe(0);
    } finally {
      await phone.close();
    }
  });

  it('composes in the HTML editor by default: typing goes into the iframe body and the mail is sent as text/html', async () => {
    await page.click('#io-ox-quicklaunch [data-id="io.ox/mail"]');
    await page.click('[aria-label="Compose new email"]');
    const win = page.locator('.io-ox-mail-compose-window');
    const body = win.frameLocator('.editor iframe').locator('body');
    await body.waitFor();
    expect(await body.getAttribute('contenteditable')).toBe('true');
    expect(await win.locator('textarea.plain-text').count()).toBe(0);
    await win.locator('[placeholder="To"]').fill(account.email);
    await win.locator('[name="subject"]').fill('html editor check');
    await body.fill('Typed into the rich text body.');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/ajax/mail') && r.url().includes('action=new')),
      win.locator('.btn[data-action="send"]').click(),
    ]);
    await win.waitFor({ state: 'detached' });
    const posted = request.postData() ?? '';
    expect(posted).toContain('"content_type":"text/html"');
    expect(posted).toContain('Typed into the rich text body.');
  });

  it('switches compose to plain text through the compose menu (Editor: Plain Text)', async () => {
    await page.click('[aria-label="Compose new email"]');
    const win = page.locator('.io-ox-mail-compose-window');
    await win.locator('.editor iframe').waitFor();
    await win.locator('[aria-label="Mail compose actions"]').click();
    await page.click('a[data-name="editorMode"][data-value="text"]');
    await win.locator('textarea.plain-text').waitFor();
    expect(await win.locator('.editor iframe').count()).toBe(0);
    await win.locator('[data-action="close"]').click();
  });

  it('shows the login page on reload when autologin is off, after trying it as the real UI does', async () => {
    if (!sandbox) throw new Error('sandbox not started');
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'autologin', enabled: false } });
    try {
      const [autologin] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/ajax/login') && r.url().includes('action=autologin')),
        page.reload(),
      ]);
      expect(new URL(autologin.url()).searchParams.get('client')).toBe('open-xchange-appsuite');
      await page.locator('#io-ox-login-username:focus').waitFor();
      expect(await page.locator('#io-ox-core').isHidden()).toBe(true);
    } finally {
      await clearFaults(SANDBOX);
    }
  });

  it('keeps the session over a reload where the server allows autologin', async () => {
    await openLoginPage();
    await signIn();
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'autologin', enabled: true } });
    try {
      await page.reload();
      await page.locator('#io-ox-appcontrol').waitFor();
      expect(await page.locator('#io-ox-login-screen').isHidden()).toBe(true);
    } finally {
      await clearFaults(SANDBOX);
    }
  });

  it('opens compose in the plain-text editor when the user\'s messageFormat is text', async () => {
    await setMessageFormat('text');
    // Settings are read when the page loads: sign in afresh.
    await openLoginPage();
    await signIn();
    await page.click('[aria-label="Compose new email"]');
    const win = page.locator('.io-ox-mail-compose-window');
    await win.locator('textarea.plain-text').waitFor();
    expect(await win.locator('.editor iframe').count()).toBe(0);
  });

  it('signs out through the account menu entry a[data-name="logout"]', async () => {
    await page.locator('.io-ox-mail-compose-window [data-action="close"]').click();
    await page.click('#io-ox-topbar-account-dropdown-icon .dropdown-toggle');
    await page.click('#topbar-account-dropdown a[data-name="logout"]');
    await page.locator('#io-ox-login-username:focus').waitFor();
  });
});
