import { decode } from 'he';
import { describe, expect, it } from 'vitest';
import { renderProtocolHtml } from '../../../reporters/protocol/index.ts';
import { exampleReport } from '../../model/example-report.ts';
import { extendedReport } from '../../model/extended-report.ts';
import { protocolOptions } from '../../fixtures/reports/options.ts';

/** The HTML of one section, by its id. */
function sectionOf(html: string, key: string): string {
  const start = html.indexOf(`<section id="s-${key}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

/** Visible text of an HTML fragment (no SVG internals, entities decoded). */
function text(html: string): string {
  return decode(html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

describe('protocol sections for monitoring, capacity, probes and baseline', () => {
  const html = renderProtocolHtml(extendedReport(), protocolOptions());

  it('renders the same extended report to identical bytes', () => {
    expect(renderProtocolHtml(extendedReport(), protocolOptions())).toBe(html);
  });

  it('shows the capacity curve with the knee and the bracket, the steps and the server at the knee', () => {
    const capacity = sectionOf(html, 'capacity');
    expect((capacity.match(/<svg /g) ?? []).length).toBe(3);
    const visible = text(capacity);
    expect(visible).toContain('24 sessions: every SLO holds at 24, one breaks at 26');
    expect(capacity).toContain('Capacity: p95 latency by concurrent sessions');
    expect(capacity).toContain('Capacity: throughput by concurrent sessions');
    expect(capacity).toContain('Capacity: error rate by concurrent sessions');
    expect(capacity).toContain('knee 24');
    expect(capacity).toContain('fails 26');
    expect(visible).toContain('Server at the knee (24 sessions)');
    // Steps by level, not by the order they ran.
    expect(visible.indexOf(' 22 3 ')).toBeLessThan(visible.indexOf(' 40 2 '));
  });

  it('shows server-side charts per node, the per-node figures and the health incidents', () => {
    const server = sectionOf(html, 'server');
    for (const title of ['requests per second per node', 'p95 latency per node', 'active sessions per node', 'memory per node', 'CPU per node']) expect(server).toContain(`Server: ${title}`);
    const visible = text(server);
    expect(visible).toContain('OX1');
    expect(visible).toContain('4 / 5');
    expect(visible).toContain('HTTP 503: database DOWN');
  });

  it('shows the IMAP capability matrix with the OX impact of each missing capability', () => {
    const visible = text(sectionOf(html, 'imap'));
    expect(visible).toContain('IMAP capability matrix');
    expect(visible).toContain('missing what OX needs: SORT');
    expect(visible).toContain("Mail lists are sorted in the middleware's memory: slow and memory-hungry on large folders.");
    // ACL is advertised: the row names what OX uses it for, not what would be lost.
    expect(visible).toContain('ACL feature no yes PASSED Folder permissions and sharing');
    expect(visible).not.toContain('Mail folders cannot be shared with other users.');
    expect(visible).toContain('The threaded/conversation view is not available or built in memory.');
    expect(visible).toContain('Also advertised (not read by OX): XLIST');
    expect(visible).toContain('LOGIN (connect+auth)');
  });

  it('shows the LDAP modes and bind figures, the accounts summary and the GUI step timings', () => {
    const ldap = text(sectionOf(html, 'ldap'));
    expect(ldap).toContain('Mode used search');
    expect(ldap).toContain('0 / 3');
    expect(ldap).toContain('invalid credentials for uid=anton');
    expect(ldap).toContain('Users in the directory 42');
    const accounts = text(sectionOf(html, 'accounts'));
    expect(accounts).toContain('Verified 48 (96.00 %)');
    expect(accounts).toContain('IMAP_LOGIN_FAILED 2');
    const gui = text(sectionOf(html, 'gui'));
    expect(gui).toContain('Wall time of the GUI checks: 21.0 s');
    expect(gui).toMatch(/mobile gui\.smoke login 1012 ms/);
  });

  it('takes the baseline comparison from the report when none is passed', () => {
    const baseline = text(sectionOf(html, 'baseline'));
    expect(baseline).toContain('20250228-020000-aaaaaa');
    expect(baseline).toContain('+37.3 %');
    expect(baseline).toMatch(/0\.00 % 1\.00 % new/);
  });

  it('says what is absent in a report without them', () => {
    const plain = renderProtocolHtml(exampleReport(), protocolOptions());
    expect(text(sectionOf(plain, 'capacity'))).toContain('Capacity: not part of this run');
    expect(text(sectionOf(plain, 'server'))).toContain('the target names no nodes');
    expect(plain).not.toContain('IMAP capability matrix');
  });
});
