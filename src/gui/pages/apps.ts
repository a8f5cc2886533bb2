/** Calendar, address book and drive (ox-deployment.md §4.3–4.5): ready states and a drive upload. */
import type { Page } from '@playwright/test';
import type { CalendarLayout, SelectorSet } from '../selectors.ts';

/** The page the calendar shows before its first layout is drawn (FE calendar main.js `startPage`). */
const START_PAGE = ':not([data-page-id="io.ox/calendar/start"])';

export class CalendarApp {
  private readonly page: Page;
  private readonly s: SelectorSet['calendar'];
  constructor(page: Page, selectors: SelectorSet) {
    this.page = page;
    this.s = selectors.calendar;
  }

  /** Waits for the first layout the calendar draws and returns its name (the real default is week:workweek). */
  async waitForLayout(): Promise<string> {
    await this.page.locator(this.s.window).waitFor();
    const current = this.page.locator(`${this.s.currentPage}${START_PAGE}`).first();
    await current.waitFor();
    return ((await current.getAttribute('data-page-id')) ?? '').replace(/^io\.ox\/calendar\//, '');
  }

  /** Switches the layout through the UI's view menu, as OX's e2e `calendar.switchView` does. */
  async switchLayout(layout: CalendarLayout): Promise<void> {
    await this.page.locator(this.s.layoutToggle).filter({ visible: true }).first().click();
    await this.page.locator(this.s.layoutOption(layout)).filter({ visible: true }).first().click();
    await this.page.locator(this.s.page(layout)).waitFor();
  }

  /**
   * Shows the week view whatever layout the user's setting opens: the layout
   * found on opening, then View → Week when it is another one. On a phone the
   * real UI has no week pages and opens week settings as 'week:day' (FE
   * calendar main.js), so there the day view it opened is the result.
   */
  async showWeek(options: { phone: boolean }): Promise<{ opened: string; shown: string }> {
    const opened = await this.waitForLayout();
    const shown = options.phone ? opened : 'week:week';
    if (opened !== shown) await this.switchLayout('week:week');
    await this.page.locator(this.s.page(shown as CalendarLayout)).waitFor();
    await this.page.locator(this.s.toolbar).first().waitFor();
    return { opened, shown };
  }
}

export class ContactsApp {
  private readonly page: Page;
  private readonly s: SelectorSet['contacts'];
  constructor(page: Page, selectors: SelectorSet) {
    this.page = page;
    this.s = selectors.contacts;
  }

  /** Waits until the grid has loaded (contacts, or the empty-folder message); returns how many are listed. */
  async waitForContacts(): Promise<number> {
    await this.page.locator(this.s.grid).waitFor();
    await this.page.locator(`${this.s.item}, ${this.s.emptyMessage}`).first().waitFor();
    return this.page.locator(this.s.item).count();
  }
}

export class DriveApp {
  private readonly page: Page;
  private readonly s: SelectorSet['drive'];
  constructor(page: Page, selectors: SelectorSet) {
    this.page = page;
    this.s = selectors.drive;
  }

  async waitForList(): Promise<void> {
    await this.page.locator(this.s.listComplete).waitFor();
  }

  /** Uploads one file through the app's file input and waits until the list shows it. */
  async upload(name: string, content: Buffer, mimeType: string): Promise<void> {
    await this.page.locator(this.s.uploadInput).setInputFiles({ name, mimeType, buffer: content });
    await this.page.locator(this.s.item(name)).waitFor();
  }
}
