import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderProtocolHtml, SECTION_TITLES } from '../../../reporters/protocol/index.ts';
import { renderProtocolPdf } from '../../../src/report/pdf.ts';
import { approvalReport } from '../../fixtures/reports/synthetic.ts';
import { protocolOptions } from '../../fixtures/reports/options.ts';
import { tempDir } from '../../fixtures/reports/run-folder.ts';

let file: string;
let text: string;

beforeAll(async () => {
  const report = approvalReport();
  const pdf = await renderProtocolPdf(renderProtocolHtml(report, protocolOptions()), { date: new Date(report.run.finishedAt) });
  file = path.join(tempDir('pdf'), 'protocol.pdf');
  writeFileSync(file, pdf);
  // -layout keeps table rows on one line, so a label and its value stay together.
  text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
});

describe('protocol PDF', () => {
  it('contains every section title and the table of contents', () => {
    expect(text).toContain('Contents');
    for (const [i, title] of Object.values(SECTION_TITLES).entries()) expect(text).toContain(`${i + 1}. ${title}`);
  });

  it('contains the key figures: verdict, sessions, p95 per action vs SLO, error rate, accounts', () => {
    expect(text).toContain('Overall verdict: FAILED');
    expect(text).toMatch(/Sessions reached\s+4000 \(max 1000 concurrent VUs\)/);
    expect(text).toMatch(/webmail-user\s+mail\.all\s+390 ms\s+mail\.all p95 < 400 ms/);
    expect(text).toMatch(/Error rate\s+0\.041 %/);
    expect(text).toMatch(/Accounts verified\s+3 of 4 account checks passed/);
    expect(text).toContain('20250520-080000-a1b2c3');
  });

  it('is A4 with page x / y in the footer and the report date as its metadata date', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+Tue May 20 08:42:10 2025/);
    expect(info).toContain('Title:           Test protocol 20250520-080000-a1b2c3');
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(text).toContain(`Page 1 / ${pages}`);
    expect(text).toContain(`Page ${pages} / ${pages}`);
  });
});
