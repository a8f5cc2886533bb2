/**
 * The 8.x selector set against the DOM the 8.x UI renders, rebuilt here from
 * its own sources (FE8 = extrymes/project-hackdays2025, copy of the 8.x UI):
 * each selector the smoke uses finds its element, and the ones 8.x renders
 * differently from 7.10 (sign-out link, about in the help menu, the default
 * work-week calendar page, the layout dropdown, the TinyMCE iframe) would not
 * be found with the old 7.10-derived set.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM } from '../../src/gui/run.ts';
import { SELECTOR_SETS } from '../../src/gui/selectors.ts';

const s = SELECTOR_SETS['8'];

/** Fragments as the FE8 sources render them (path in each comment). */
const FE8_DOM = `
<div id="background-loader"></div>
<!-- src/index.html -->
<div id="io-ox-login-screen"><div id="io-ox-login-container"><div id="box-form-header"></div>
  <form id="io-ox-login-form"><h1 id="login-title"></h1>
  <input id="io-ox-login-username"><input id="io-ox-login-password" type="password">
  <div id="io-ox-login-feedback"></div><button type="submit" id="io-ox-login-button"></button></form></div></div>
<div id="io-ox-core">
  <div id="io-ox-appcontrol" role="banner">
    <div id="io-ox-topleftbar">
      <!-- src/io.ox/core/main/appcontrol.js: logo, LaunchersView, QuickLaunchersView -->
      <div id="io-ox-top-logo"><button type="button" class="logo-btn btn btn-link"><div class="logo-container"><img alt="logo"></div></button></div>
      <ul class="taskbar"><li id="io-ox-launcher" class="launcher dropdown">
        <button type="button" class="btn btn-toolbar btn-topbar dropdown-toggle launcher-btn" aria-label="Navigate to:">apps</button>
        <ul class="launcher-dropdown dropdown-menu"><div class="apps"><li><button class="btn btn-toolbar btn-topbar" data-id="io.ox/contacts" data-app-name="io.ox/contacts">Address Book</button></li></div></ul>
      </li></ul>
      <div id="io-ox-quicklaunch" role="toolbar"><button type="button" class="btn btn-toolbar btn-topbar" data-id="io.ox/mail" data-app-name="io.ox/mail">Mail</button></div>
    </div>
    <div id="io-ox-toprightbar"><ul class="taskbar">
      <!-- appcontrol/right 'help-dropdown' with extensions.about → Dropdown.link('about') -->
      <li id="io-ox-topbar-help-dropdown-icon" class="launcher dropdown"><button type="button" class="btn btn-toolbar btn-topbar dropdown-toggle f6-target" data-toggle="dropdown">?</button>
        <ul id="topbar-help-dropdown" class="dropdown-menu"><li><a href="#" data-name="about" role="menuitem">About</a></li></ul></li>
      <!-- appcontrol/right 'account' + account/signouts → Dropdown.link('logout') -->
      <li id="io-ox-topbar-account-dropdown-icon" class="launcher dropdown"><button type="button" class="btn btn-toolbar btn-topbar dropdown-toggle f6-target" data-toggle="dropdown" aria-label="My account">AB</button>
        <ul id="topbar-account-dropdown" class="dropdown-menu"><li><a href="#" data-name="logout" role="menuitem">Sign out</a></li></ul></li>
    </ul></div>
  </div>
  <!-- e2e/tests/mail/compose/compose_test.js: locate('.btn-primary').withText('New email') -->
  <div class="io-ox-mail-window"><div class="primary-action"><button type="button" class="btn btn-primary">New email</button></div></div>
  <!-- src/io.ox/core/page-controller.js (data-page-id), calendar main.js pages, header renderLayoutDropdown; e2e pageobjects/calendar.js switchView -->
  <div class="io-ox-calendar-window">
    <div class="io-ox-pagecontroller page" data-page-id="io.ox/calendar/start"></div>
    <div class="io-ox-pagecontroller page current" data-page-id="io.ox/calendar/week:workweek">
      <div class="calendar-header"><div class="dropdown margin-left-auto layout-dropdown" role="presentation">
        <button type="button" draggable="false" class="btn btn-default" data-toggle="dropdown">Workweek</button>
        <ul class="dropdown-menu" role="menu"><div role="group"><li><a href="#" role="menuitemradio" data-name="layout" data-value="week:week">Week</a></li></div></ul>
      </div></div>
    </div>
  </div>
  <!-- e2e compose_test.js: '.io-ox-mail-compose-window .editor iframe', 'textarea.plain-text', '~Mail compose actions' -->
  <div class="io-ox-mail-compose-window"><div class="io-ox-mail-compose">
    <input aria-label="To"><input name="subject">
    <div class="editor"><iframe srcdoc="<body contenteditable=true></body>"></iframe></div>
    <button type="button" aria-label="Mail compose actions">…</button>
  </div></div>
</div>`;

let browser: Browser | undefined;
let page: Page;

async function found(selector: string): Promise<number> {
  return page.locator(selector).count();
}

describe.skipIf(!existsSync(DEFAULT_CHROMIUM))('the 8.x selector set on the DOM the 8.x UI renders', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    await page.setContent(FE8_DOM);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('finds the login form by the ids of src/index.html', async () => {
    for (const selector of [s.login.screen, s.login.username, s.login.password, s.login.submit, s.login.feedback, s.login.formTitle, s.login.container]) {
      expect(await found(selector), selector).toBeGreaterThan(0);
    }
  });

  it('finds the top bar, launchers, account menu and its Sign out link a[data-name="logout"]', async () => {
    for (const selector of [s.shell.core, s.shell.topBar, s.shell.topLogo, s.shell.accountMenuToggle, s.shell.signOut, s.shell.quickLaunch('io.ox/mail'), s.shell.launcherToggle, s.shell.launcherEntry('io.ox/contacts')]) {
      expect(await found(selector), selector).toBe(1);
    }
    // The 7.10-era sign-out selector finds nothing in 8.x without dedicatedLogoutButton.
    expect(await found('[data-action="sign-out"]')).toBe(0);
  });

  it('finds About in the help menu, not in the account menu', async () => {
    expect(await found(s.shell.aboutMenuToggle)).toBeGreaterThan(0);
    expect(await found(s.shell.about)).toBe(1);
    expect(await page.locator('#topbar-account-dropdown [data-name="about"]').count()).toBe(0);
  });

  it('finds the default work-week page and the layout dropdown with its Week entry', async () => {
    expect(await found(`${s.calendar.currentPage}:not([data-page-id="io.ox/calendar/start"])`)).toBe(1);
    expect(await found(s.calendar.page('week:workweek'))).toBe(1);
    expect(await found(s.calendar.page('week:week'))).toBe(0);
    expect(await found(s.calendar.layoutToggle)).toBe(1);
    expect(await found(s.calendar.layoutOption('week:week'))).toBe(1);
    expect(await found(s.calendar.toolbar)).toBe(1);
  });

  it('finds New email, the compose window, the HTML editor iframe and the compose menu', async () => {
    expect(await found(s.mail.compose)).toBeGreaterThan(0);
    const win = page.locator(s.mail.composeWindow);
    expect(await win.count()).toBe(1);
    expect(await win.locator(s.mail.composeTo).count()).toBeGreaterThan(0);
    expect(await win.locator(s.mail.composeSubject).count()).toBeGreaterThan(0);
    expect(await win.locator(s.mail.composeHtmlFrame).count()).toBe(1);
    expect(await win.frameLocator(s.mail.composeHtmlFrame).locator(s.mail.composeHtmlBody).getAttribute('contenteditable')).toBe('true');
    expect(await win.locator(s.mail.composeOptionsToggle).count()).toBe(1);
  });
});
