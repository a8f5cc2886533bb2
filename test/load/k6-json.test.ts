import { describe, expect, it } from 'vitest';
import { K6LineParser, METRIC, type MetricId, type PointSink } from '../../src/load/k6-json.ts';
import { k6MetricDeclaration, k6Point } from './k6-lines.ts';

type Seen = [MetricId, number, number, string, string];

function parse(lines: string[]): { seen: Seen[]; parser: K6LineParser } {
  const seen: Seen[] = [];
  const sink: PointSink = { point: (...args) => void seen.push(args) };
  const parser = new K6LineParser(sink);
  for (const line of lines) parser.line(line);
  return { seen, parser };
}

describe('K6LineParser', () => {
  it('reads metric, time, value and the needed tags from the lines k6 writes', () => {
    const { seen } = parse([
      k6Point('http_req_duration', '2026-11-25T19:30:08.019322178Z', 4.121517, { expected_response: 'true', name: 'mail.all', status: '200' }),
      k6Point('ox_errors', '2026-11-25T19:30:08.5Z', 1, { code: 'SES-0203', group: '', name: 'mail.get' }),
      k6Point('ox_sessions', '2026-11-25T19:30:09Z', 1, { group: '', route: 'OX2', scenario: 'default' }),
      k6Point('vus', '2026-11-25T19:30:10.012469964Z', 20, {}),
    ]);
    const t = Date.parse('2026-11-25T19:30:08Z');
    expect(seen).toEqual([
      [METRIC.duration, t + 19, 4.121517, 'mail.all', '200'],
      [METRIC.oxErrors, t + 500, 1, 'mail.get', 'SES-0203'],
      [METRIC.sessions, t + 1000, 1, '', 'OX2'],
      [METRIC.vus, t + 2012, 20, '', ''],
    ]);
  });

  it('gives the same samples for lines it must fully parse: other key order, escapes, time zone offsets', () => {
    const reordered = JSON.stringify({ type: 'Point', metric: 'http_req_duration', data: { tags: { name: 'login' }, value: 12.5, time: '2026-11-25T21:30:08.250+02:00' } });
    const escaped = k6Point('http_req_duration', '2026-11-25T19:30:08.250Z', 12.5, { url: 'http://x/"quoted"', name: 'log\\in' });
    const offset = k6Point('http_req_duration', '2026-11-25T20:30:08.25+01:00', 12.5, { name: 'login' });
    const { seen, parser } = parse([reordered, escaped, offset]);
    const t = Date.parse('2026-11-25T19:30:08.250Z');
    expect(seen).toEqual([
      [METRIC.duration, t, 12.5, 'login', ''],
      [METRIC.duration, t, 12.5, 'log\\in', ''],
      [METRIC.duration, t, 12.5, 'login', ''],
    ]);
    expect(parser.counts.malformed).toBe(0);
  });

  it('skips metrics it does not need, metric declarations and the text summary, and counts broken lines', () => {
    const { seen, parser } = parse([
      k6MetricDeclaration('http_req_duration', 'trend'),
      k6Point('http_req_blocked', Date.now(), 1, { name: 'x' }),
      '  █ THRESHOLDS ',
      '{"metric":"http_req_duration","type":"Point","data":{"time":"garbage","value":1,"tags":{}}}',
      '{"metric":"http_req_duration","type":"Po',
    ]);
    expect(seen).toEqual([]);
    expect(parser.counts).toEqual({ lines: 5, points: 0, skipped: 3, malformed: 2 });
  });
});
