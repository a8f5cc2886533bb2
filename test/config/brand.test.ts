import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBrand, parseBrandSpec, renderCopyright } from '../../src/config/brand.ts';
import { SignoffError } from '../../src/errors.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/brand');
const scratch: string[] = [];

afterEach(async () => {
  await Promise.all(scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the acme brand whose brand.json is replaced by `edit(spec)`. */
async function brokenCopy(edit: (spec: Record<string, any>) => void): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'signoff-brand-test-')), 'broken');
  scratch.push(path.dirname(dir));
  await cp(path.join(fixtures, 'acme'), dir, { recursive: true });
  const spec = JSON.parse(await readFile(path.join(dir, 'brand.json'), 'utf8'));
  edit(spec);
  await writeFile(path.join(dir, 'brand.json'), JSON.stringify(spec));
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<SignoffError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SignoffError);
  return error as SignoffError;
}

describe('brand specs', () => {
  it('loads both shipped brands and they differ visibly', async () => {
    const acme = await loadBrand(path.join(fixtures, 'acme'));
    const globex = await loadBrand(path.join(fixtures, 'globex'));
    expect(acme.name).toBe('acme');
    expect(globex.name).toBe('globex');
    for (const key of ['productName', 'pageTitle', 'logo', 'favicon'] as const) expect(acme[key]).not.toBe(globex[key]);
    for (const key of ['topbar', 'primary', 'link', 'loginBackground'] as const) expect(acme.colors[key]).not.toBe(globex.colors[key]);
    expect(acme.loginPage.teaser).not.toBe(globex.loginPage.teaser);
    expect(acme.loginPage.footer.copyright).not.toBe(globex.loginPage.footer.copyright);
    expect(acme.about.lines).not.toEqual(globex.about.lines);
  });

  it('names file, JSON path, expectation and found value for a wrong colour', async () => {
    const dir = await brokenCopy((spec) => {
      spec.colors.primary = 'red';
    });
    const error = await errorOf(loadBrand(dir));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`${path.join(dir, 'brand.json')}: colors.primary: expected a hex colour like "#1f3f6b", got "red"`);
  });

  it('refuses a misspelt key and reports where it is', async () => {
    const dir = await brokenCopy((spec) => {
      spec.loginPage.loginbox = 'left';
    });
    const error = await errorOf(loadBrand(dir));
    expect(error.message).toMatch(/brand\.json: loginPage\.loginbox: unknown key "loginbox"/);
  });

  it('lists every problem of a spec, each with its path', () => {
    const spec = JSON.parse(JSON.stringify({ productName: '', pageTitle: 'x', logo: '../x.svg', favicon: 'f.gif' }));
    const error = (() => {
      try {
        parseBrandSpec(spec, 'brand.json');
      } catch (e) {
        return e as SignoffError;
      }
      throw new Error('expected a failure');
    })();
    expect(error.message).toContain('brand.json: productName: expected a non-empty text');
    expect(error.message).toContain('brand.json: logo: expected a file name inside the brand folder');
    expect(error.message).toContain('brand.json: favicon: expected a file ending in .svg or .ico or .png, got "f.gif"');
    expect(error.message).toContain('brand.json: colors: ');
    expect(error.message).toContain('brand.json: about: ');
  });

  it('refuses HTML in texts that the UI shows as text', async () => {
    const dir = await brokenCopy((spec) => {
      spec.about.lines[1] = 'Based on <b>OX</b>';
    });
    const error = await errorOf(loadBrand(dir));
    expect(error.message).toContain('about.lines[1]: expected plain text without HTML tags, got "Based on <b>OX</b>"');
  });

  it('refuses a login box position outside left, right and center', async () => {
    const dir = await brokenCopy((spec) => {
      spec.loginPage.loginBox = 'top';
    });
    const error = await errorOf(loadBrand(dir));
    expect(error.message).toMatch(/loginPage\.loginBox: .*"left".*"right".*"center".*, got "top"/);
  });

  it('refuses a logo that is named but missing from the folder', async () => {
    const dir = await brokenCopy((spec) => {
      spec.logo = 'missing.svg';
    });
    const error = await errorOf(loadBrand(dir));
    expect(error.message).toContain('logo: expected a file in');
    expect(error.message).toContain('"missing.svg" does not exist');
  });

  it('reports a brand.json that is not JSON with the file name', async () => {
    const dir = await brokenCopy(() => {});
    await writeFile(path.join(dir, 'brand.json'), '{ "productName": ');
    const error = await errorOf(loadBrand(dir));
    expect(error.message).toContain(`${path.join(dir, 'brand.json')}: not valid JSON`);
  });

  it('substitutes (c) and $year in the copyright like the OX login page', () => {
    expect(renderCopyright('(c) 2009-$year Globex', 2031)).toBe('© 2009-2031 Globex');
  });
});
