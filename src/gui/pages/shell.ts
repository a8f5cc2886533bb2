/**
 * The shell after login (ox-deployment.md §4.1): top bar, app launchers,
 * account menu with About and Sign out.
 */
import type { Page } from '@playwright/test';
import type { SelectorSet } from '../selectors.ts';

export class Shell {
  private readonly page: Page;
  private readonly s: SelectorSet['shell'];
  private readonly about: SelectorSet['about'];

  constructor(page: Page, selectors: SelectorSet) {
    this.page = page;
    this.s = selectors.shell;
    this.about = selectors.about;
  }

  async waitUntilVisible(): Promise<void> {
    await this.page.locator(this.s.core).waitFor({ state: 'visible' });
    await this.page.locator(this.s.topBar).first().waitFor();
  }

  /** Opens an app like a user: its quick-launch button when shown, else through the launcher menu. */
  async launch(appId: string): Promise<void> {
    const quick = this.page.locator(this.s.quickLaunch(appId)).filter({ visible: true });
    if ((await quick.count()) > 0) return quick.first().click();
    await this.page.locator(this.s.launcherToggle).first().click();
    await this.page.locator(this.s.launcherEntry(appId)).filter({ visible: true }).first().click();
  }

  private async openAccountMenu(): Promise<void> {
    await this.page.locator(this.s.accountMenuToggle).first().click();
  }

  /** Opens the about dialog; returns its title and full text. */
  async readAboutDialog(): Promise<{ title: string; text: string }> {
    // 7.10: About is in the account menu; 8.x: in the help menu.
    await this.page.locator(this.s.aboutMenuToggle).first().click();
    await this.page.locator(this.s.about).filter({ visible: true }).first().click();
    const dialog = this.page.locator(this.about.dialog).first();
    await dialog.waitFor();
    const title = (await dialog.locator(this.about.title).innerText()).trim();
    const text = (await dialog.locator(this.about.body).innerText()).trim();
    await dialog.locator(this.about.close).click();
    await dialog.waitFor({ state: 'detached' });
    return { title, text };
  }

  async signOut(): Promise<void> {
    await this.openAccountMenu();
    await this.page.locator(this.s.signOut).filter({ visible: true }).first().click();
  }

  topLogo() {
    return this.page.locator(this.s.topLogo).first();
  }

  topBar() {
    return this.page.locator(this.s.topBar).first();
  }
}
