/** Mail (ox-deployment.md §4.2): list, detail in its iframe, compose and send. */
import type { Page } from '@playwright/test';
import type { SelectorSet } from '../selectors.ts';

export class MailApp {
  private readonly page: Page;
  private readonly s: SelectorSet['mail'];

  constructor(page: Page, selectors: SelectorSet) {
    this.page = page;
    this.s = selectors.mail;
  }

  /** Waits for the list of the inbox with at least one mail; returns how many are listed. */
  async waitForInbox(): Promise<number> {
    await this.page.locator(this.s.inboxFolder).waitFor();
    await this.page.locator(this.s.listItem).first().waitFor();
    return this.page.locator(this.s.listItem).count();
  }

  inboxSelected(): Promise<boolean> {
    return this.page.locator(this.s.inboxFolder).evaluate((el) => el.classList.contains('selected') || el.getAttribute('aria-selected') === 'true');
  }

  /** Opens the first mail; returns the subject in the list and in the detail, and whether the body rendered. */
  async openFirst(): Promise<{ listed: string; shown: string; bodyLength: number }> {
    const first = this.page.locator(this.s.listItem).first();
    const listed = (await first.locator(this.s.listSubject).innerText()).trim();
    await first.click();
    const shown = (await this.page.locator(this.s.detailSubject).innerText()).trim();
    const body = this.page.frameLocator(this.s.detailFrame).locator(this.s.detailBody);
    const bodyLength = (await body.innerText()).trim().length;
    return { listed, shown, bodyLength };
  }

  async compose(to: string, subject: string, text: string): Promise<void> {
    await this.page.locator(this.s.compose).first().click();
    const win = this.page.locator(this.s.composeWindow);
    await win.waitFor();
    await win.locator(this.s.composeTo).first().fill(to);
    await win.locator(this.s.composeSubject).fill(subject);
    await win.locator(this.s.composeBody).first().fill(text);
    await win.locator(this.s.send).click();
    // The compose window closes once the server accepted the mail.
    await win.waitFor({ state: 'detached' });
  }
}
