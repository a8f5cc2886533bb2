import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHistoryHtml } from '../../reporters/protocol/history.ts';
import { runHistory } from '../../src/cli/history.ts';
import { canonicalJson } from '../../src/model/canonical.ts';
import { loadHistory } from '../../src/report/history.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';
import { approvalReport } from '../fixtures/reports/synthetic.ts';

function runsFolder(): string {
  const runs = tempDir('runs');
  for (const [i, day] of ['22', '20', '21'].entries()) {
    const report = approvalReport();
    report.run.id = `202505${day}-080000-run${i}`;
    report.run.startedAt = `2025-05-${day}T08:00:00.000Z`;
    report.load[0]!.actions[0]!.latency.p95 = 400 + i * 50;
    mkdirSync(path.join(runs, report.run.id));
    writeFileSync(path.join(runs, report.run.id, 'report.json'), canonicalJson(report));
  }
  mkdirSync(path.join(runs, 'broken'));
  writeFileSync(path.join(runs, 'broken', 'report.json'), '{');
  mkdirSync(path.join(runs, '.20250523-080000-x.partial'));
  return runs;
}

describe('history across runs', () => {
  it('reads finished runs oldest first and skips broken ones with the reason', async () => {
    const history = await loadHistory(runsFolder());
    expect(history.runs.map((r) => r.run.id)).toEqual(['20250520-080000-run1', '20250521-080000-run2', '20250522-080000-run0']);
    expect(history.skipped).toEqual([expect.stringMatching(/^broken: .*not valid JSON/)]);
  });

  it('renders trend charts deterministically as a standalone page', async () => {
    const { runs } = await loadHistory(runsFolder());
    const html = renderHistoryHtml(runs);
    expect(renderHistoryHtml(runs)).toBe(html);
    expect((html.match(/<svg /g) ?? []).length).toBe(4); // rates + p95 for three scenarios
    expect(html).toContain('p95 per action: webmail-user');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('writes history.html through the command', async () => {
    const runs = runsFolder();
    const out = { text: '', write(s: string) { this.text += s; } };
    expect(await runHistory(runs, {}, out)).toBe(0);
    expect(out.text).toContain('(3 runs)');
    expect(readFileSync(path.join(runs, 'history.html'), 'utf8')).toContain('Error rate and check pass rate');
  });
});
