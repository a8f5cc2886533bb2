import { describe, expect, it } from 'vitest';
import { BROWSER_AGENTS, browserForVu } from '../../src/k6/user-agents.ts';

describe('the browser mix of the VUs', () => {
  it('gives 1,000 VUs the documented shares within one percentage point', () => {
    const seen = new Map<string, number>();
    for (let vu = 1; vu <= 1000; vu++) seen.set(browserForVu(vu).id, (seen.get(browserForVu(vu).id) ?? 0) + 1);
    const total = BROWSER_AGENTS.reduce((sum, a) => sum + a.weight, 0);
    for (const agent of BROWSER_AGENTS) expect(Math.abs((seen.get(agent.id) ?? 0) - (agent.weight * 1000) / total), agent.id).toBeLessThanOrEqual(10);
  });

  it('gives the same VU the same browser every time and the first VUs different ones', () => {
    expect(browserForVu(7)).toBe(browserForVu(7));
    expect(new Set([1, 2, 3, 4].map((vu) => browserForVu(vu).id)).size).toBeGreaterThanOrEqual(3);
  });

  it('sends only browser User-Agents of Windows, macOS or Linux, unique per entry', () => {
    expect(new Set(BROWSER_AGENTS.map((a) => a.userAgent)).size).toBe(BROWSER_AGENTS.length);
    for (const agent of BROWSER_AGENTS) expect(agent.userAgent).toMatch(/^Mozilla\/5\.0 \((Windows NT 10\.0; Win64; x64|Macintosh; Intel Mac OS X 10[._]15(_7)?|X11; Linux x86_64)[;)]/);
  });
});
