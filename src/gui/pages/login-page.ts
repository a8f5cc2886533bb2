/**
 * The App Suite login page (ox-deployment.md §3.1). Ready means what OX's own
 * e2e login waits for: the busy loader gone and the user name focused (the
 * submit handler is bound only then).
 */
import type { Page } from '@playwright/test';
import type { SelectorSet } from '../selectors.ts';
import type { TraceRecorder } from '../trace-recorder.ts';

export class LoginPage {
  private readonly page: Page;
  private readonly s: SelectorSet['login'];
  private readonly url: string;

  constructor(page: Page, selectors: SelectorSet, url: string) {
    this.page = page;
    this.s = selectors.login;
    this.url = url;
  }

  async open(): Promise<void> {
    await this.page.goto(this.url, { waitUntil: 'domcontentloaded' });
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator(this.s.busyLoader).waitFor({ state: 'detached' }).catch(async () => {
      await this.page.locator(this.s.busyLoader).waitFor({ state: 'hidden' });
    });
    await this.page.locator(`${this.s.username}:focus`).waitFor();
  }

  /**
   * Fills the credentials and submits with tracing stopped (traces record typed
   * text and request bodies); leaves no password in the field afterwards.
   * `outcome` waits for what the caller expects (the shell, or the feedback).
   */
  async signIn(login: string, password: string, tracer: TraceRecorder, outcome: () => Promise<void>): Promise<void> {
    await tracer.withoutTracing(async () => {
      try {
        await this.page.fill(this.s.username, login);
        await this.page.fill(this.s.password, password);
        await this.page.locator(this.s.submit).first().click();
        await outcome();
      } finally {
        const field = this.page.locator(this.s.password);
        if (await field.isVisible().catch(() => false)) await field.fill('', { timeout: 2_000 }).catch(() => undefined);
      }
    });
  }

  feedbackText(): Promise<string> {
    return this.page.locator(this.s.feedback).innerText();
  }

  async waitForFeedback(): Promise<string> {
    const feedback = this.page.locator(this.s.feedback);
    await feedback.locator('*').first().waitFor();
    return (await feedback.innerText()).trim();
  }

  text(selector: keyof SelectorSet['login']): Promise<string> {
    return this.page.locator(this.s[selector]).first().innerText({ timeout: 5_000 }).then((t) => t.trim());
  }

  isVisible(): Promise<boolean> {
    return this.page.locator(this.s.username).isVisible();
  }
}
