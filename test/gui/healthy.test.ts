/**
 * The GUI checks against a healthy sandbox (brand acme): smoke and branding
 * pass with screenshots in the run folder; with the login-broken fault the
 * smoke fails at the login step, with a screenshot and a trace; and no file
 * in either run folder holds a password (traces included).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrand, type Brand } from '../../src/config/brand.ts';
import { DEFAULT_CHROMIUM, runGuiChecks, type GuiAccount, type GuiRunOutput } from '../../src/gui/run.ts';
import { applyFault, clearFaults, sandboxDown, sandboxUp, type SandboxInfo } from '../../src/sandbox/sandbox.ts';
import { byId, filesIn, fixtureAccounts, newRunDir, REPO, runFolderText } from './support.ts';

const SANDBOX = 'gui-healthy';
let sandbox: SandboxInfo | undefined;
let accounts: [GuiAccount, GuiAccount];
let brand: Brand;
const runDirs: string[] = [];

async function run(label: string, options: { projects: ('desktop' | 'mobile')[]; specs?: ('smoke' | 'branding')[] }): Promise<{ out: GuiRunOutput; runDir: string }> {
  const { runDir, evidenceDir } = await newRunDir(label);
  runDirs.push(runDir);
  if (!sandbox) throw new Error('sandbox not started');
  const out = await runGuiChecks({ baseUrl: sandbox.balancerUrl, uiPath: sandbox.uiPath, selectorSet: '7.10', brand, accounts, runDir, evidenceDir, timeoutMs: 150_000, ...options });
  return { out, runDir };
}

describe.skipIf(!existsSync(DEFAULT_CHROMIUM))('GUI checks on a healthy sandbox', () => {
  beforeAll(async () => {
    accounts = await fixtureAccounts();
    brand = await loadBrand(path.join(REPO, 'fixtures/brand/acme'));
    sandbox = await sandboxUp({ name: SANDBOX, nodes: 1, brandDir: brand.dir });
  }, 180_000);

  afterAll(async () => {
    if (sandbox) await sandboxDown(SANDBOX);
  }, 120_000);

  it('passes every smoke and branding check on the desktop, with a screenshot per step in the run folder', async () => {
    const { out, runDir } = await run('desktop', { projects: ['desktop'] });
    const notPassed = out.checks.filter((c) => c.status !== 'passed' && c.id !== 'branding.desktop.screenshots');
    expect(notPassed.map((c) => `${c.id}: ${c.error?.message ?? c.criteria.filter((x) => !x.passed).map((x) => `${x.name} ${x.measured}`).join('; ')}`)).toEqual([]);
    // 11 smoke checks, among them the HTML and the plain-text compose, and the calendar opened in its work-week default.
    expect(out.checks.filter((c) => c.family === 'gui').length).toBe(11);
    expect(byId(out.checks, 'gui.desktop.smoke.calendar').criteria.find((c) => c.name === 'layout on opening')?.measured).toBe('week:workweek');
    expect(byId(out.checks, 'gui.desktop.smoke.mail-send').criteria.find((c) => c.name === 'editor when compose opens')?.measured).toBe('html');
    expect(byId(out.checks, 'gui.desktop.smoke.mail-send-text').status).toBe('passed');
    expect(out.checks.filter((c) => c.family === 'branding').length).toBe(7);
    // No baselines configured: that check says so instead of passing silently.
    expect(byId(out.checks, 'branding.desktop.screenshots').status).toBe('skipped');
    const login = byId(out.checks, 'gui.desktop.smoke.login');
    expect(login.evidence.some((e) => e.kind === 'screenshot' && existsSync(path.join(runDir, e.path)))).toBe(true);
    expect(login.criteria[0]?.measured).toMatch(/^\d+ ms$/);
    expect(out.timings['gui.desktop.smoke.login-page.login-page-ready']).toBeGreaterThan(0);
    expect(out.timings['gui.desktop.smoke.mail-list.mail-list-shown']).toBeGreaterThanOrEqual(0);
    // No trace on success.
    expect((await filesIn(runDir)).filter((f) => f.endsWith('.zip'))).toEqual([]);
  }, 180_000);

  it('passes the branding checks on an emulated phone', async () => {
    const { out } = await run('mobile', { projects: ['mobile'], specs: ['branding'] });
    const checks = out.checks.filter((c) => c.id !== 'branding.mobile.screenshots');
    expect(checks.length).toBe(6);
    expect(checks.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual([]);
  }, 120_000);

  it('fails the smoke at the login step, with a screenshot and a trace, when login is broken', async () => {
    if (!sandbox) throw new Error('sandbox not started');
    await applyFault(SANDBOX, { kind: 'node', fault: { kind: 'login-broken' } });
    try {
      const { out, runDir } = await run('login-broken', { projects: ['desktop'], specs: ['smoke'] });
      expect(byId(out.checks, 'gui.desktop.smoke.login-page').status).toBe('passed');
      const login = byId(out.checks, 'gui.desktop.smoke.login');
      expect(login.status).toBe('failed');
      expect(login.criteria.find((c) => !c.passed)?.name).toBe('sign in until the shell shows');
      const shots = login.evidence.filter((e) => e.kind === 'screenshot');
      expect(shots.length).toBeGreaterThan(0);
      expect(shots.every((e) => existsSync(path.join(runDir, e.path)))).toBe(true);
      expect(login.evidence.some((e) => e.kind === 'trace')).toBe(true);
      const mailList = byId(out.checks, 'gui.desktop.smoke.mail-list');
      expect(mailList.status).toBe('error');
      expect(mailList.error?.message).toContain('gui.desktop.smoke.login');
    } finally {
      await clearFaults(SANDBOX);
    }
  }, 180_000);

  it('writes no password into any file of the run folders, traces included', async () => {
    expect(runDirs.length).toBe(3);
    for (const dir of runDirs) {
      const text = await runFolderText(dir);
      expect(text.length).toBeGreaterThan(0);
      for (const account of accounts) expect(text.includes(account.password)).toBe(false);
    }
  });
});
