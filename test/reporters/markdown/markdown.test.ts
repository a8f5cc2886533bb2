import { describe, expect, it } from 'vitest';
import { MarkdownReporter, renderMarkdownSummary } from '../../../reporters/markdown/index.ts';
import { compareWithBaseline } from '../../../src/report/baseline.ts';
import { approvalReport, emptyReport } from '../../fixtures/reports/synthetic.ts';
import { catalogue } from '../../fixtures/reports/options.ts';
import { extendedReport } from '../../model/extended-report.ts';

describe('Markdown summary', () => {
  it('shows the verdict, the failed checks with expected vs measured and the SLOs', () => {
    const md = renderMarkdownSummary(approvalReport(), { requirementsCatalogue: catalogue() });
    expect(md).toContain('## signoff approval: FAIL');
    expect(md).toContain('| api.contacts.vcard-roundtrip | FAIL | contact 17: birthday: 1980-02-29 vs 1980-03-01 |');
    expect(md).toContain('| REQ-IMAP-01 |');
    expect(md).toMatch(/\| mail\.all p95 \| < 400 ms \| \d+ ms \| FAIL \|/);
    expect(renderMarkdownSummary(approvalReport())).toBe(renderMarkdownSummary(approvalReport()));
  });

  it('says so for an empty run', () => {
    expect(renderMarkdownSummary(emptyReport())).toContain('nothing was verified');
  });

  it('lists the baseline regressions', () => {
    const baseline = approvalReport();
    const current = approvalReport();
    const action = current.load[0]?.actions[0];
    if (action) action.latency.p95 *= 2;
    const md = renderMarkdownSummary(current, { baseline: compareWithBaseline(current, baseline) });
    expect(md).toContain('REGRESSED');
    expect(md).toMatch(/\| webmail-user \| login \| p95 \|.*\| regression \|/);
  });

  it('writes summary.md through the Reporter interface', () => {
    const files = new MarkdownReporter().onRunEnd(approvalReport());
    expect(files).toEqual([{ path: 'summary.md', content: renderMarkdownSummary(approvalReport()) }]);
  });
});

describe('Markdown summary with the comparison stored in the report', () => {
  it('shows the baseline comparison from report.baseline when none is passed', () => {
    const md = renderMarkdownSummary(extendedReport());
    expect(md).toContain('### Compared with 20250228-020000-aaaaaa: REGRESSED');
    expect(md).toContain('| load.webmail.slo.mail.all.p95 | passed | failed | new-failure |');
  });
});
