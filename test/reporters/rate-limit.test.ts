/** Every renderer shows the rate-limit verdict with its hint and the OX client figures (HTTP 429, excluded samples, retries, parked VUs, warnings). */
import { decode } from 'he';
import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from '../../reporters/console.ts';
import { renderJunit } from '../../reporters/junit.ts';
import { renderMarkdownSummary } from '../../reporters/markdown/index.ts';
import { renderProtocolHtml } from '../../reporters/protocol/index.ts';
import { renderSummary } from '../../reporters/summary.ts';
import { protocolOptions } from '../fixtures/reports/options.ts';
import { exampleReport } from '../model/example-report.ts';
import { rateLimitedReport } from '../model/rate-limited-report.ts';

const SETTINGS = ['com.openexchange.servlet.maxRate', 'maxRateTimeWindow', 'maxRateLenientClients', 'maxRateLenientRemoteAddresses'];
const visible = (html: string): string => decode(html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe('rate limiting in the reports', () => {
  it('console: the failed rate-limit check with its hint, and the 429 figures under the load table', () => {
    const text = renderSummary(rateLimitedReport(), { color: false }).replace(/[│║]\s*/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('the target rate-limited the load generator (HTTP 429)');
    expect(text).toContain('HTTP 429 answers (rate limited): expected == 0, measured 150 (12.5 % of 1200 requests)');
    for (const s of SETTINGS) expect(text).toContain(s);
    expect(text).toContain('HTTP 429 (rate limited): 150 (12.50 % of requests), first after 12.5 s; by node OX1 100, OX2 50');
    expect(text).toContain('Excluded from latency and Apdex: 150 HTTP 429 answers');
    expect(text).toContain('Retries after backoff: 46 (login-failed 6, rate-limited 40)');
    expect(text).toContain('VUs parked after the retry cap: 2 (login-failed 2)');
    expect(text).toContain('Answers with warnings (counted as success): 9 (MSG-0113 9)');
  });

  it('console: the hint follows the failed check as soon as it ends', () => {
    const chunks: string[] = [];
    const reporter = new ConsoleReporter({ out: { write: (s: string) => void chunks.push(s), isTTY: false }, color: false });
    reporter.onCheckEnd(rateLimitedReport().checks[0]!);
    expect(chunks.join('')).toContain('FAIL webmail-user: the target rate-limited the load generator (HTTP 429) (30.0 s)\n    hint: The target throttles the load generator');
  });

  it('JUnit: the failure of the rate-limit testcase carries the hint', () => {
    const xml = renderJunit(rateLimitedReport());
    const testcase = xml.slice(xml.indexOf('load.webmail-user.rate-limit'), xml.indexOf('</testcase>', xml.indexOf('load.webmail-user.rate-limit')));
    expect(testcase).toContain('<failure message="HTTP 429 answers (rate limited): expected == 0, measured 150 (12.5 % of 1200 requests) (failed); first HTTP 429');
    expect(testcase).toContain('hint: The target throttles the load generator (HTTP 429');
    for (const s of SETTINGS) expect(testcase).toContain(s);
  });

  it('summary.md: the hint in the failed-checks table, the 429 key figure and the rate-limiting table', () => {
    const md = renderMarkdownSummary(rateLimitedReport());
    const row = md.split('\n').find((l) => l.startsWith('| load.webmail-user.rate-limit |'));
    expect(row).toContain('HTTP 429 answers (rate limited): == 0 vs 150 (12.5 % of 1200 requests)');
    expect(row).toContain('— hint: The target throttles the load generator');
    expect(md).toContain('| HTTP 429 (rate limited) | 150 (12.50 % of requests): the target rate-limited the load generator |');
    expect(md).toContain('| Rate limiting and retries | Value |');
    expect(md).toContain('| Excluded from latency and Apdex | 150 HTTP 429 answers |');
  });

  it('protocol: the load section shows the OX client figures and the check block the hint', () => {
    const html = renderProtocolHtml(rateLimitedReport(), protocolOptions());
    const text = visible(html);
    expect(text).toContain('Rate limiting and client retries');
    expect(text).toContain('HTTP 429 (rate limited) 150 (12.50 % of requests), first after 12.5 s; by node OX1 100, OX2 50');
    expect(text).toContain('Latency percentiles and APDEX are computed over real answers only');
    expect(text).toContain('Hint: The target throttles the load generator (HTTP 429');
  });

  it('adds nothing for a report written before these figures existed', () => {
    const report = exampleReport();
    expect(renderSummary(report, { color: false })).not.toContain('HTTP 429');
    expect(renderMarkdownSummary(report)).not.toContain('HTTP 429');
    expect(visible(renderProtocolHtml(report, protocolOptions()))).not.toContain('Rate limiting and client retries');
  });
});
