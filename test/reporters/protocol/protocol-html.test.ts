import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../../reporters/protocol/charts.ts';
import { renderProtocolHtml, SECTION_TITLES } from '../../../reporters/protocol/index.ts';
import { approvalReport, emptyReport, SCREENSHOT_COUNT } from '../../fixtures/reports/synthetic.ts';
import { protocolOptions } from '../../fixtures/reports/options.ts';

describe('protocol HTML', () => {
  it('renders the same report to identical bytes', () => {
    const a = renderProtocolHtml(approvalReport(), protocolOptions());
    const b = renderProtocolHtml(approvalReport(), protocolOptions());
    expect(a).toBe(b);
  });

  it('renders an ECharts chart to identical SVG twice, with ids from the given prefix', () => {
    const spec = { title: 'p95', xName: 't', yName: 'ms', series: [{ name: 'p95', points: [[0, 1], [10, 3], [20, 2]] as [number, number][], area: true }] };
    const a = lineChartSvg(spec, 'c7');
    expect(lineChartSvg(spec, 'c7')).toBe(a);
    expect(a).toMatch(/^<svg/);
    expect(a).not.toMatch(/zr\d+-/);
    expect(a).toContain('c7-0');
  });

  it('is self-contained: charts inline as SVG, screenshots as data URIs, nothing fetched', () => {
    const html = renderProtocolHtml(approvalReport(), protocolOptions());
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect((html.match(/<img src="data:image\/png;base64,/g) ?? []).length).toBe(SCREENSHOT_COUNT);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('has every section, the requirement statuses and the signatories', () => {
    const html = renderProtocolHtml(approvalReport(), protocolOptions());
    for (const title of Object.values(SECTION_TITLES)) expect(html).toContain(title);
    expect(html).toMatch(/REQ-IMAP-01[\s\S]*?FAILED/);
    expect(html).toContain('MANUAL'); // REQ-MON-01: no check in this run
    expect(html).toContain('NOT VERIFIED'); // REQ-LOAD-03: claimed, nothing ran
    expect(html).toContain('Eva Kunde');
    expect(html).toContain('For the provider: Mailhost GmbH');
    expect(html).toContain('SES-0203: 12');
  });

  it('marks an unsigned protocol UNSIGNED and a demo-signed one as not for sign-off', () => {
    expect(renderProtocolHtml(approvalReport(), protocolOptions())).toContain('UNSIGNED');
    const demo = renderProtocolHtml(approvalReport(), protocolOptions({ signature: { signed: true, demo: true } }));
    expect(demo).toContain('demo signature — not for sign-off');
    expect(demo).not.toContain('UNSIGNED');
  });

  it('says so for an empty run and marks every family as not part of this run', () => {
    const html = renderProtocolHtml(emptyReport(), protocolOptions({ embedded: new Map() }));
    expect(html).toContain('This run contains no checks and no load results: nothing was verified.');
    for (const family of ['Load', 'IMAP compatibility', 'LDAP', 'Accounts', 'API round-trips', 'GUI', 'Branding']) {
      expect(html).toContain(`${family}: not part of this run.`);
    }
  });

  it('escapes text from the report', () => {
    const report = approvalReport();
    report.deviations.push({ id: 'DEV-X', text: '<script>alert(1)</script>' });
    const html = renderProtocolHtml(report, protocolOptions());
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
