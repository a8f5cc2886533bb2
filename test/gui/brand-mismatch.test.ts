/**
 * The acme branding checks against a sandbox started with brand globex: each
 * difference shows as a failed criterion with expected vs actual (title,
 * texts, colours), and the logo difference as a diff image in the run folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrand } from '../../src/config/brand.ts';
import { DEFAULT_CHROMIUM, runGuiChecks, type GuiRunOutput } from '../../src/gui/run.ts';
import { sandboxDown, sandboxUp, type SandboxInfo } from '../../src/sandbox/sandbox.ts';
import { byId, failedCriteria, fixtureAccounts, newRunDir, REPO } from './support.ts';

const SANDBOX = 'gui-brand-mismatch';
let sandbox: SandboxInfo | undefined;
let out: GuiRunOutput;
let runDir: string;

describe.skipIf(!existsSync(DEFAULT_CHROMIUM))('acme branding checks against a globex sandbox', () => {
  beforeAll(async () => {
    sandbox = await sandboxUp({ name: SANDBOX, nodes: 1, brandDir: path.join(REPO, 'fixtures/brand/globex') });
    const expected = await loadBrand(path.join(REPO, 'fixtures/brand/acme'));
    const dirs = await newRunDir('brand-mismatch');
    runDir = dirs.runDir;
    out = await runGuiChecks({
      baseUrl: sandbox.balancerUrl, uiPath: sandbox.uiPath, selectorSet: '7.10', brand: expected, accounts: await fixtureAccounts(),
      projects: ['desktop'], specs: ['branding'], timeoutMs: 90_000, ...dirs,
    });
  }, 240_000);

  afterAll(async () => {
    if (sandbox) await sandboxDown(SANDBOX);
  }, 120_000);

  it('fails the login texts with the title, header, box title, teaser and footer that differ', () => {
    const check = byId(out.checks, 'branding.desktop.login-texts');
    expect(check.status).toBe('failed');
    expect(failedCriteria(check)).toEqual(expect.arrayContaining(['page title', 'login header prefix', 'login box title', 'footer copyright']));
    const title = check.criteria.find((c) => c.name === 'page title');
    expect(title).toMatchObject({ expected: 'starts with "Acme Workplace"', measured: 'Globex Connect' });
  });

  it('fails the colours with the expected and the measured colour', () => {
    const check = byId(out.checks, 'branding.desktop.login-colours');
    expect(check.status).toBe('failed');
    expect(failedCriteria(check)).toEqual(expect.arrayContaining(['login background', 'sign-in button']));
    const button = check.criteria.find((c) => c.name === 'sign-in button');
    expect(button?.expected).toContain('#e63946');
    expect(button?.measured).toContain('#7c3aed');
    expect(failedCriteria(byId(out.checks, 'branding.desktop.shell'))).toEqual(expect.arrayContaining(['top bar', 'top logo alt text', 'page title after login']));
  });

  it('fails the logo with actual, expected and diff images in the run folder', () => {
    const check = byId(out.checks, 'branding.desktop.logo');
    expect(check.status).toBe('failed');
    expect(failedCriteria(check)).toContain('login logo pixels differing');
    const diff = check.evidence.find((e) => e.kind === 'diff');
    expect(diff?.path).toMatch(/logo-diff\.png$/);
    expect(existsSync(path.join(runDir, diff?.path ?? 'missing'))).toBe(true);
  });

  it('fails the favicon bytes and the about dialog texts', () => {
    expect(failedCriteria(byId(out.checks, 'branding.desktop.favicon'))).toEqual(['favicon bytes']);
    expect(failedCriteria(byId(out.checks, 'branding.desktop.about'))).toEqual(expect.arrayContaining(['about title', 'about line 1']));
  });
});
