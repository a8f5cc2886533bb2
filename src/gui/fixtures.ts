/**
 * The Playwright `test` the specs use: a `check` fixture (timed steps,
 * criteria, screenshots, a trace kept only on failure) and one shared page per
 * spec file, so a smoke journey runs in one browser session like a user's.
 */
import path from 'node:path';
import { test as base, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { CheckRecorder } from './check-recorder.ts';
import { slug } from './slug.ts';
import { CHECK_ANNOTATION, RECORD_ATTACHMENT } from './record.ts';
import { SELECTOR_SETS, type SelectorSet } from './selectors.ts';
import { readSpecInput, type SpecInput, type SpecSecrets } from './spec-input.ts';
import { TraceRecorder } from './trace-recorder.ts';

/** Test details naming the CheckResult a test produces: `{ annotation: checkId('gui', 'smoke.login') }`. */
export function checkId(family: 'gui' | 'branding', name: string): { annotation: { type: string; description: string } } {
  return { annotation: { type: CHECK_ANNOTATION, description: `${family}:${name}` } };
}

export interface GuiSession {
  context: BrowserContext;
  page: Page;
  tracer: TraceRecorder;
  input: SpecInput;
  secrets: SpecSecrets;
  selectors: SelectorSet;
  /** The UI's login page URL. */
  uiUrl: string;
}

/** The device options of the project (viewport, user agent, touch) for a context made by hand. */
function projectContextOptions(testInfo: TestInfo): Parameters<Browser['newContext']>[0] {
  const use = testInfo.project.use;
  return {
    viewport: use.viewport ?? null,
    ...(use.userAgent ? { userAgent: use.userAgent } : {}),
    ...(use.deviceScaleFactor ? { deviceScaleFactor: use.deviceScaleFactor } : {}),
    isMobile: use.isMobile ?? false,
    hasTouch: use.hasTouch ?? false,
    locale: 'en-US',
  };
}

let shared: GuiSession | undefined;

/** For `test.beforeAll`: one context and page for all tests of the file. */
export async function openSharedSession(browser: Browser, testInfo: TestInfo): Promise<GuiSession> {
  const { input, secrets } = readSpecInput();
  const context = await browser.newContext(projectContextOptions(testInfo));
  const page = await context.newPage();
  const tracer = new TraceRecorder(context, path.join(testInfo.project.outputDir, 'traces', testInfo.project.name));
  const uiUrl = new URL(input.uiPath, input.baseUrl).toString();
  shared = { context, page, tracer, input, secrets, selectors: SELECTOR_SETS[input.selectorSet], uiUrl };
  return shared;
}

export async function closeSharedSession(): Promise<void> {
  await shared?.context.close().catch(() => undefined);
  shared = undefined;
}

function sharedSession(): GuiSession {
  if (!shared) throw new Error('no shared GUI session: call openSharedSession() in test.beforeAll');
  return shared;
}

export const test = base.extend<{ check: CheckRecorder; session: GuiSession }>({
  // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required.
  // eslint-disable-next-line no-empty-pattern
  session: async ({}, use) => {
    await use(sharedSession());
  },
  check: async ({ session }, use, testInfo) => {
    const { input } = session;
    const id = testInfo.annotations.find((a) => a.type === CHECK_ANNOTATION)?.description ?? slug(testInfo.title);
    const prefix = slug(id.replace(':', '-'));
    const evidenceDir = path.join(input.evidenceDir, testInfo.project.name, prefix);
    const recorder = new CheckRecorder(input.runDir, evidenceDir);
    recorder.usePage(session.page);
    await session.tracer.begin(prefix, testInfo.title);
    try {
      await use(recorder);
    } finally {
      const failed = testInfo.status !== testInfo.expectedStatus;
      if (failed) await recorder.screenshot(recorder.unfinishedStep ? `hung in ${recorder.unfinishedStep}` : 'failed');
      const traces = await session.tracer.end(failed, evidenceDir).catch((): string[] => []);
      for (const trace of traces) recorder.evidence('trace', trace, 'Playwright trace (credential steps not recorded)');
      const unfinishedStep = recorder.unfinishedStep;
      const record = { ...recorder.record, ...(unfinishedStep ? { unfinishedStep } : {}) };
      await testInfo.attach(RECORD_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
    }
  },
});

export { expect } from '@playwright/test';
