import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from '../../reporters/console.ts';
import { renderSummary } from '../../reporters/summary.ts';
import { exampleReport } from '../model/example-report.ts';
import { extendedReport } from '../model/extended-report.ts';

function sink() {
  const chunks: string[] = [];
  return { out: { write: (s: string) => chunks.push(s), isTTY: false }, text: () => chunks.join('') };
}

describe('console reporter', () => {
  it('summarises checks failures first, with expected vs measured', () => {
    const text = renderSummary(exampleReport(), { color: false });
    expect(text.indexOf('ERROR')).toBeLessThan(text.indexOf('FAIL'));
    expect(text.indexOf('FAIL')).toBeLessThan(text.indexOf('PASS'));
    expect(text).toContain('mail.all p95: expected < 500 ms, measured 612 ms');
  });

  it('shows per-action latency and each SLO verdict with expected and measured values', () => {
    const text = renderSummary(exampleReport(), { color: false });
    expect(text).toMatch(/mail\.all\s*│\s*160\s*│\s*1\.88 %/);
    expect(text).toMatch(/mail\.all p95\s*│\s*< 500 ms\s*│\s*612 ms\s*│\s*FAIL/);
    expect(text).toMatch(/\* errorRate\s*│\s*< 1\.00 %\s*│\s*0\.25 %\s*│\s*PASS/);
    expect(text).toContain('FAIL nightly on sandbox');
  });

  it('renders the summary the same way twice', () => {
    expect(renderSummary(exampleReport(), { color: false })).toBe(renderSummary(exampleReport(), { color: false }));
  });

  it('prints task boundaries and results as they happen', () => {
    const { out, text } = sink();
    const reporter = new ConsoleReporter({ out, color: false });
    reporter.onCheckStart({ id: 'custom.a', title: 'Check A', family: 'api' });
    reporter.onLog({ level: 'warn', message: 'slow answer', taskId: 'custom.a' });
    reporter.onCheckEnd(exampleReport().checks[0]!);
    expect(text()).toContain('> Check A');
    expect(text()).toContain('[custom.a] slow answer');
    expect(text()).toContain('FAIL mail.all p95 < 500 ms (30.5 s)');
  });
});

describe('console summary with a baseline comparison', () => {
  it('ends with the baseline verdict and one line per regression, improvement and changed check', () => {
    const text = renderSummary(extendedReport(), { color: false });
    expect(text).toContain('baseline 20250228-020000-aaaaaa: REGRESSED');
    expect(text).toContain('regression webmail-user mail.all p95: 300 ms → 412 ms (+37 %)');
    expect(text).toContain('regression webmail-user mail.get errorRate: 0.00 % → 1.00 % (new)');
    expect(text).toContain('new-failure load.webmail.slo.mail.all.p95: passed → failed');
    expect(text.indexOf('baseline 2025')).toBeLessThan(text.lastIndexOf('FAIL nightly'));
  });
});
