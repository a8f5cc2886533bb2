/**
 * The favicon: `link#favicon` must resolve (HTTP 200) to exactly the brand's
 * file (sha256 of the bytes), so a stock OX icon or a stale cache is caught.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Criterion } from '../../model/types.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function faviconCriteria(page: Page, selector: string, expectedFile: string): Promise<Criterion[]> {
  const href = await page.locator(selector).first().getAttribute('href', { timeout: 5_000 }).catch(() => null);
  if (!href) return [{ name: 'favicon link', expected: `${selector} with an href`, measured: 'missing', passed: false }];
  const url = new URL(href, page.url()).toString();
  const response = await page.request.get(url, { failOnStatusCode: false });
  const expected = sha256(await readFile(expectedFile));
  const actual = response.ok() ? sha256(await response.body()) : undefined;
  return [
    { name: 'favicon resolves', expected: 'HTTP 200', measured: `HTTP ${response.status()} (${href})`, passed: response.ok() },
    { name: 'favicon bytes', expected: `sha256 ${expected.slice(0, 16)}… (${expectedFile.split('/').pop()})`, measured: actual ? `sha256 ${actual.slice(0, 16)}…` : 'no body', passed: actual === expected },
  ];
}
