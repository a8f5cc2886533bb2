/**
 * Colours compared the way people see them: CIEDE2000 distance (culori)
 * between the brand's hex and the browser's computed CSS colour, within a
 * tolerance (2.3 is about one just-noticeable difference).
 */
import { differenceCiede2000, formatHex, parse } from 'culori';
import type { Criterion } from '../../model/types.ts';

const deltaE = differenceCiede2000();

/** Hex of any CSS colour string (`rgb(…)`, `#abc`); undefined when it is not one (e.g. transparent gradients). */
export function toHex(css: string): string | undefined {
  const colour = parse(css.trim());
  if (!colour || (colour.alpha !== undefined && colour.alpha < 0.5)) return undefined;
  return formatHex(colour);
}

/** First colour in a CSS value such as `background` (`rgb(38, 70, 83) none repeat …`). */
export function firstColour(value: string): string | undefined {
  const match = /(rgba?\([^)]*\)|#[0-9a-f]{3,8}\b)/i.exec(value);
  return match?.[1];
}

export function colourDistance(expectedHex: string, actualCss: string): number | undefined {
  const expected = parse(expectedHex);
  const actual = parse(actualCss);
  if (!expected || !actual) return undefined;
  return deltaE(expected, actual);
}

export function colourCriterion(name: string, expectedHex: string, actualCss: string | undefined, maxDeltaE: number): Criterion {
  const actual = actualCss === undefined ? undefined : firstColour(actualCss) ?? actualCss;
  const distance = actual === undefined ? undefined : colourDistance(expectedHex, actual);
  const expected = `${expectedHex.toLowerCase()} (ΔE00 ≤ ${maxDeltaE})`;
  if (distance === undefined || actual === undefined) return { name, expected, measured: `no colour (${actualCss ?? 'element missing'})`, passed: false };
  return { name, expected, measured: `${toHex(actual) ?? actual} (ΔE00 ${distance.toFixed(1)})`, passed: distance <= maxDeltaE };
}
