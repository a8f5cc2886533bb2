/**
 * Mail (ox-deployment.md §4.2): list, detail in its iframe, compose and send.
 * Compose opens in the user's messageFormat (default 'html': TinyMCE in an
 * iframe; 'text': textarea.plain-text) and switches through the compose menu
 * (Editor: Plain Text / HTML) when the check asks for the other mode.
 */
import type { Locator, Page } from '@playwright/test';
import type { EditorMode, SelectorSet } from '../selectors.ts';

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

  /** Composes and sends in `mode`; returns the mode the editor opened in. */
  async compose(to: string, subject: string, text: string, mode: EditorMode): Promise<{ opened: EditorMode }> {
    await this.page.locator(this.s.compose).first().click();
    const win = this.page.locator(this.s.composeWindow).first();
    await win.waitFor();
    const opened = await this.editorMode(win);
    if (opened !== mode) await this.switchEditor(win, mode);
    await win.locator(this.s.composeTo).first().fill(to);
    await win.locator(this.s.composeSubject).first().fill(subject);
    if (mode === 'html') {
      // TinyMCE's body is contenteditable inside the iframe (OX e2e: within frame, fillField 'body').
      const body = win.frameLocator(this.s.composeHtmlFrame).first().locator(this.s.composeHtmlBody);
      await body.click();
      await body.fill(text);
    } else {
      await win.locator(this.s.composePlainText).first().fill(text);
    }
    await win.locator(this.s.send).first().click();
    // The compose window closes once the server accepted the mail.
    await win.waitFor({ state: 'detached' });
    return { opened };
  }

  /** Which editor the compose window shows: the HTML iframe or the plain-text area. */
  private async editorMode(win: Locator): Promise<EditorMode> {
    const html = win.locator(this.s.composeHtmlFrame).first();
    const text = win.locator(this.s.composePlainText).first();
    await html.or(text).first().waitFor();
    return (await text.isVisible()) ? 'text' : 'html';
  }

  private async switchEditor(win: Locator, mode: EditorMode): Promise<void> {
    await win.locator(this.s.composeOptionsToggle).first().click();
    // Dropdown menus may be moved to the body while open: look page-wide.
    await this.page.locator(this.s.composeEditorMode(mode)).filter({ visible: true }).first().click();
    await win.locator(mode === 'html' ? this.s.composeHtmlFrame : this.s.composePlainText).first().waitFor();
  }
}
