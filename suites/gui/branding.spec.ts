/**
 * Branding: the target looks like the agreed brand (ox-deployment.md §5.4).
 * Texts and title, logo (perceptual), favicon (bytes), colours (CIEDE2000 on
 * computed CSS), the shell after login and the about dialog; optionally
 * screenshot baselines with masks for the areas that change between runs.
 */
import path from 'node:path';
import type { Brand } from '../../src/config/brand.ts';
import { colourCriterion } from '../../src/gui/branding/colour.ts';
import { expectedLoginTexts, textMatches } from '../../src/gui/branding/expected-texts.ts';
import { faviconCriteria } from '../../src/gui/branding/favicon.ts';
import { compareLogo } from '../../src/gui/branding/logo.ts';
import { checkId, closeSharedSession, expect, openSharedSession, test, type GuiSession } from '../../src/gui/fixtures.ts';
import { LoginPage } from '../../src/gui/pages/login-page.ts';
import { Shell } from '../../src/gui/pages/shell.ts';

let session: GuiSession;
let brand: Brand;
const login = () => new LoginPage(session.page, session.selectors, session.uiUrl);
const shell = () => new Shell(session.page, session.selectors);

/** Computed style of the first element matching `selector` (undefined when there is none). */
async function computed(selector: string, property: string): Promise<string | undefined> {
  const element = session.page.locator(selector).first();
  if ((await element.count()) === 0) return undefined;
  return element.evaluate((el, name) => (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(p: string): string } }).getComputedStyle(el).getPropertyValue(name), property);
}

test.beforeAll(async ({ browser }, testInfo) => {
  session = await openSharedSession(browser, testInfo);
});
test.afterAll(async () => {
  await closeSharedSession();
});

test.describe('branding', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    test.skip(!session.input.brand, 'no brand configured for this target');
    brand = session.input.brand as Brand;
  });

  test('the login page shows the brand title and texts', checkId('branding', 'login-texts'), async ({ check }) => {
    await check.step('login page ready', () => login().open());
    const title = await session.page.title();
    check.criterion('page title', `starts with "${brand.pageTitle}"`, title, title.startsWith(brand.pageTitle));
    const year = new Date().getFullYear();
    for (const item of expectedLoginTexts(brand, year)) {
      const actual = await login().text(item.selector).catch(() => '(missing)');
      check.criterion(item.name, item.match === 'equals' ? item.expected : `contains "${item.expected}"`, actual, textMatches(actual, item));
    }
    const s = session.selectors.login;
    for (const [name, selector, expected] of [
      ['privacy link', s.privacyLink, brand.loginPage.footer.privacy],
      ['imprint link', s.imprintLink, brand.loginPage.footer.imprint],
      ['forgot password link', s.forgotPasswordLink, brand.loginPage.forgotPassword],
    ] as const) {
      if (!expected) continue;
      const href = await session.page.locator(selector).first().getAttribute('href', { timeout: 2_000 }).catch(() => null);
      check.criterion(name, expected, href ?? '(missing)', href === expected);
    }
  });

  test('the logo matches the brand logo', checkId('branding', 'logo'), async ({ check }) => {
    const { tolerances } = session.input;
    const logo = session.page.locator(session.selectors.login.logo).first();
    const loaded = await logo.evaluate((el) => {
      const img = el as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 0;
    });
    check.criterion('login logo loads', 'image loaded', loaded ? 'loaded' : 'broken image', loaded);
    const result = await check.step('compare the login logo', () =>
      compareLogo(logo, path.join(brand.dir, brand.logo), { evidenceDir: check.evidenceDir, keepImages: (ratio) => ratio > tolerances.logoMaxDiffRatio }), { screenshot: false });
    const pct = (ratio: number) => `${(ratio * 100).toFixed(2)} %`;
    check.criterion('login logo pixels differing', `≤ ${pct(tolerances.logoMaxDiffRatio)}`, `${pct(result.diffRatio)} (${result.diffPixels} of ${result.width}×${result.height})`, result.diffRatio <= tolerances.logoMaxDiffRatio);
    if (result.files) {
      check.evidence('screenshot', result.files.actual, 'logo as rendered');
      check.evidence('screenshot', result.files.expected, `expected logo (${brand.logo})`);
      check.evidence('diff', result.files.diff, 'logo difference (red)');
    }
    const alt = await logo.getAttribute('alt');
    check.criterion('login logo alt text', brand.productName, alt ?? '(none)', alt === brand.productName);
  });

  test('the favicon is the brand favicon', checkId('branding', 'favicon'), async ({ check }) => {
    for (const c of await faviconCriteria(session.page, session.selectors.page.favicon, path.join(brand.dir, brand.favicon))) {
      check.criterion(c.name, c.expected, c.measured, c.passed);
    }
  });

  test('the login page uses the brand colours', checkId('branding', 'login-colours'), async ({ check }) => {
    const s = session.selectors;
    const tolerance = session.input.tolerances.colourDeltaE;
    const colours = brand.colors;
    check.record.criteria.push(
      colourCriterion('login background', colours.loginBackground, await computed(s.login.container, 'background-color'), tolerance),
      colourCriterion('sign-in button', colours.primary, await computed(s.login.submit, 'background-color'), tolerance),
    );
    if (brand.loginPage.forgotPassword) {
      check.record.criteria.push(colourCriterion('forgot-password link', colours.link, await computed(s.login.forgotPasswordLink, 'color'), tolerance));
    }
    const themeColour = await session.page.locator(s.page.themeColor).first().getAttribute('content', { timeout: 2_000 }).catch(() => undefined);
    check.record.criteria.push(colourCriterion('meta theme-color', colours.topbar, themeColour ?? undefined, tolerance));
    await check.screenshot('login page');
  });

  test('after login the shell carries the brand', checkId('branding', 'shell'), async ({ check }) => {
    const [account] = session.input.accounts;
    await check.step('sign in until the shell shows', () =>
      login().signIn(account.login, session.secrets.passwords[0], session.tracer, () => shell().waitUntilVisible()));
    const tolerance = session.input.tolerances.colourDeltaE;
    check.record.criteria.push(colourCriterion('top bar', brand.colors.topbar, await computed(session.selectors.shell.topBar, 'background-color'), tolerance));
    check.record.criteria.push(colourCriterion('toolbar link', brand.colors.link, await computed('.classic-toolbar a, .classic-toolbar button', 'color'), tolerance));
    const alt = await shell().topLogo().getAttribute('alt', { timeout: 5_000 }).catch(() => null);
    check.criterion('top logo alt text', brand.productName, alt ?? '(none)', alt === brand.productName);
    await expect.poll(() => session.page.title()).not.toBe('');
    const title = await session.page.title();
    check.criterion('page title after login', `starts with "${brand.pageTitle}"`, title, title.startsWith(brand.pageTitle));
  });

  test('the about dialog names the product', checkId('branding', 'about'), async ({ check }) => {
    const about = await check.step('open the about dialog', () => shell().readAboutDialog(), { screenshot: false });
    check.criterion('about title', brand.productName, about.title, about.title === brand.productName);
    for (const [index, line] of brand.about.lines.entries()) {
      check.criterion(`about line ${index + 1}`, line, about.text.includes(line) ? line : `(not found in: ${about.text.slice(0, 120)})`, about.text.includes(line));
    }
    if (brand.about.contact) {
      const contact = brand.about.contact;
      check.criterion('about contact', contact, about.text.includes(contact) ? contact : '(not found)', about.text.includes(contact));
    }
  });

  test('the pages match the screenshot baselines', checkId('branding', 'screenshots'), async ({ check }) => {
    test.skip(!session.input.baselines, 'no screenshot baselines configured');
    const page = session.page;
    const mask = session.selectors.dynamicAreas.map((selector) => page.locator(selector));
    const options = { mask, animations: 'disabled' as const, maxDiffPixelRatio: session.input.tolerances.screenshotMaxDiffRatio, timeout: 10_000 };
    await check.step('after-login screenshot matches', () => expect(page).toHaveScreenshot('after-login.png', options), { screenshot: false });
    await check.step('sign out', async () => {
      await shell().signOut();
      await login().waitUntilReady();
    }, { screenshot: false });
    await check.step('login screenshot matches', () => expect(page).toHaveScreenshot('login.png', options), { screenshot: false });
  });
});
