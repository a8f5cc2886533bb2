/**
 * The key figures a customer signs on, in the protocol's management summary
 * and in summary.md: accounts (not checks) verified with the failure reasons,
 * capacity with its bracket, server-side figures, missing IMAP capabilities
 * and the GUI login → mail list time; each only when the report carries it.
 */
import { decode } from 'he';
import { describe, expect, it } from 'vitest';
import { renderMarkdownSummary } from '../../../reporters/markdown/index.ts';
import { renderProtocolHtml } from '../../../reporters/protocol/index.ts';
import { loginToMailList } from '../../../reporters/protocol/verdicts.ts';
import type { RunReport } from '../../../src/model/types.ts';
import { exampleReport } from '../../model/example-report.ts';
import { extendedReport } from '../../model/extended-report.ts';
import { protocolOptions } from '../../fixtures/reports/options.ts';

/** Visible text of the management summary section. */
function summaryText(report: RunReport): string {
  const html = renderProtocolHtml(report, protocolOptions());
  const start = html.indexOf('<section id="s-summary">');
  expect(start).toBeGreaterThanOrEqual(0);
  const section = html.slice(start, html.indexOf('</section>', start));
  return decode(section.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

/** The extended report with every account verified and no failure reasons. */
function allVerified(): RunReport {
  const report = extendedReport();
  report.probes!.accounts = { ...report.probes!.accounts!, verified: 50, failed: 0, failedByReason: {} };
  return report;
}

describe('key figures in the management summary', () => {
  it('counts accounts verified from the accounts summary, not account checks', () => {
    const visible = summaryText(allVerified());
    expect(visible).toContain('Accounts verified 50 of 50 accounts verified');
    expect(visible).not.toContain('account checks passed');
    expect(visible).not.toContain('failed (');
  });

  it('names the failure reasons with their account counts when accounts failed', () => {
    const report = extendedReport();
    report.probes!.accounts = { ...report.probes!.accounts!, verified: 45, failed: 5, failedByReason: { OX_LOGIN_FAILED: 1, IMAP_LOGIN_FAILED: 4 } };
    expect(summaryText(report)).toContain('45 of 50 accounts verified; 5 failed (IMAP_LOGIN_FAILED 4, OX_LOGIN_FAILED 1)');
  });

  it('shows the capacity with its bracket', () => {
    expect(summaryText(extendedReport())).toContain('Capacity 24 sessions: every SLO holds at 24, one breaks at 26 (bracket 8.30 % of the capacity); scenario webmail-user');
  });

  it('shows the nodes monitored, per node max sessions and peak memory, and the incidents count', () => {
    const visible = summaryText(extendedReport());
    expect(visible).toContain('Nodes monitored 2 (OX1, OX2)');
    expect(visible).toMatch(/Node OX1 max \d+ active sessions, peak memory \d+ MiB/);
    expect(visible).toMatch(/Node OX2 max \d+ active sessions, peak memory \d+ MiB/);
    expect(visible).toContain('Health incidents 1');
  });

  it('counts the missing required and recommended IMAP capabilities by name', () => {
    expect(summaryText(extendedReport())).toContain('IMAP capabilities missing 0 required, 1 recommended (SORT)');
  });

  it('shows the GUI time from login until the mail list per browser project', () => {
    expect(summaryText(extendedReport())).toContain('GUI login → mail list 1042 ms (desktop)');
  });

  it('leaves out every figure the report does not carry and keeps the account checks count', () => {
    const visible = summaryText(exampleReport());
    for (const label of ['Capacity', 'Nodes monitored', 'Node OX1', 'Health incidents', 'IMAP capabilities missing', 'GUI login']) expect(visible).not.toContain(label);
    expect(visible).toMatch(/Accounts verified (\d+ of \d+ account checks passed|not part of this run)/);
  });

  it('renders the same report with every key figure to identical bytes', () => {
    expect(renderProtocolHtml(extendedReport(), protocolOptions())).toBe(renderProtocolHtml(extendedReport(), protocolOptions()));
  });
});

describe('key figures in summary.md', () => {
  it('has the same figures as table rows', () => {
    const md = renderMarkdownSummary(extendedReport());
    expect(md).toContain('| Accounts verified | 48 of 50 accounts verified; 2 failed (IMAP_LOGIN_FAILED 2) |');
    expect(md).toContain('| Capacity | 24 sessions: every SLO holds at 24, one breaks at 26 (bracket 8.30 % of the capacity); scenario webmail-user |');
    expect(md).toContain('| Nodes monitored | 2 (OX1, OX2) |');
    expect(md).toMatch(/\| Node OX1 \| max \d+ active sessions, peak memory \d+ MiB \|/);
    expect(md).toContain('| Health incidents | 1 |');
    expect(md).toContain('| IMAP capabilities missing | 0 required, 1 recommended (SORT) |');
    expect(md).toContain('| GUI login → mail list | 1042 ms (desktop) |');
  });

  it('has no rows for figures the report lacks', () => {
    const md = renderMarkdownSummary(exampleReport());
    for (const label of ['| Capacity', '| Nodes monitored', '| Health incidents', '| IMAP capabilities', '| GUI login']) expect(md).not.toContain(label);
    expect(renderMarkdownSummary(exampleReport())).toBe(md);
  });
});

describe('loginToMailList', () => {
  it('adds the sign-in and mail list steps of the smoke journey per project, as the GUI run keys them', () => {
    const timings = {
      'gui.desktop.smoke.login.sign-in-until-the-shell-shows': 900,
      'gui.desktop.smoke.mail-list.mail-list-shown': 300,
      'gui.desktop.smoke.login-page.login-page-ready': 500,
      'gui.mobile.smoke.login.sign-in-until-the-shell-shows': 1100,
      'gui.wallMs': 20000,
    };
    // mobile has no mail list step: no figure for it.
    expect(loginToMailList(timings)).toEqual([{ project: 'desktop', ms: 1200 }]);
  });
});
