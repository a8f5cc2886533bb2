/** Calendar, address book and drive (ox-deployment.md §4.3–4.5): ready states and a drive upload. */
import type { Page } from '@playwright/test';
import type { SelectorSet } from '../selectors.ts';

export class CalendarApp {
  private readonly page: Page;
  private readonly s: SelectorSet['calendar'];
  constructor(page: Page, selectors: SelectorSet) {
    this.page = page;
    this.s = selectors.calendar;
  }

  async waitForWeekView(): Promise<void> {
    await this.page.locator(this.s.window).waitFor();
    await this.page.locator(this.s.weekView).first().waitFor();
    await this.page.locator(this.s.toolbar).first().waitFor();
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
