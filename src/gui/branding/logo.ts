/**
 * The logo compared perceptually: the logo element as the page renders it,
 * against the brand's logo file rendered into the very same element (same
 * box, background and scale), pixel-compared with pixelmatch (anti-aliasing
 * ignored). On failure the actual, expected and diff images are evidence.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator } from '@playwright/test';

export interface LogoComparison {
  width: number;
  height: number;
  diffPixels: number;
  diffRatio: number;
  /** Absolute paths of actual/expected/diff PNGs (written only when asked). */
  files: { actual: string; expected: string; diff: string } | undefined;
}

function mimeOf(file: string): string {
  if (file.endsWith('.svg')) return 'image/svg+xml';
  if (file.endsWith('.png')) return 'image/png';
  return 'application/octet-stream';
}

/** Draws `file` into the `<img>` in place of its source, screenshots it, then restores the source. */
async function renderExpected(logo: Locator, file: string): Promise<Buffer> {
  const dataUrl = `data:${mimeOf(file)};base64,${(await readFile(file)).toString('base64')}`;
  const original = await logo.evaluate(async (element, src) => {
    const img = element as unknown as { src: string; style: { width: string; height: string }; getBoundingClientRect(): { width: number; height: number }; decode(): Promise<void> };
    const box = img.getBoundingClientRect();
    const before = { src: img.src, width: img.style.width, height: img.style.height };
    // Keep the box: a logo of another aspect ratio must show as a difference, not move the layout.
    img.style.width = `${box.width}px`;
    img.style.height = `${box.height}px`;
    img.src = src;
    await img.decode();
    return before;
  }, dataUrl);
  try {
    return await logo.screenshot({ animations: 'disabled' });
  } finally {
    await logo.evaluate(async (element, before) => {
      const img = element as unknown as { src: string; style: { width: string; height: string }; decode(): Promise<void> };
      img.src = before.src;
      img.style.width = before.width;
      img.style.height = before.height;
      await img.decode().catch(() => undefined);
    }, original);
  }
}

export async function compareLogo(logo: Locator, expectedFile: string, options: { evidenceDir: string; keepImages: (ratio: number) => boolean }): Promise<LogoComparison> {
  const actualPng = PNG.sync.read(await logo.screenshot({ animations: 'disabled' }));
  const expectedPng = PNG.sync.read(await renderExpected(logo, expectedFile));
  // Same element, same box: sizes agree up to a rounding pixel; compare the common area.
  const width = Math.min(actualPng.width, expectedPng.width);
  const height = Math.min(actualPng.height, expectedPng.height);
  const crop = (png: PNG): Buffer => {
    if (png.width === width && png.height === height) return png.data;
    const out = new PNG({ width, height });
    PNG.bitblt(png, out, 0, 0, width, height, 0, 0);
    return out.data;
  };
  const diff = new PNG({ width, height });
  const diffPixels = pixelmatch(crop(actualPng), crop(expectedPng), diff.data, width, height, { threshold: 0.1 });
  const diffRatio = width * height === 0 ? 1 : diffPixels / (width * height);
  let files: LogoComparison['files'];
  if (options.keepImages(diffRatio)) {
    await mkdir(options.evidenceDir, { recursive: true });
    files = {
      actual: path.join(options.evidenceDir, 'logo-actual.png'),
      expected: path.join(options.evidenceDir, 'logo-expected.png'),
      diff: path.join(options.evidenceDir, 'logo-diff.png'),
    };
    await writeFile(files.actual, PNG.sync.write(actualPng));
    await writeFile(files.expected, PNG.sync.write(expectedPng));
    await writeFile(files.diff, PNG.sync.write(diff));
  }
  return { width, height, diffPixels, diffRatio, files };
}
