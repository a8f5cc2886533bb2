/**
 * The texts a brand puts on the login page (ox-deployment.md §5.4), as
 * selector → expected text. `contains` where the UI adds words around the
 * configured value (the footer, a title suffix).
 */
import { renderCopyright, type Brand } from '../../config/brand.ts';
import type { SelectorSet } from '../selectors.ts';

export interface ExpectedText {
  name: string;
  selector: keyof SelectorSet['login'];
  expected: string;
  match: 'equals' | 'contains';
}

export function expectedLoginTexts(brand: Brand, year: number): ExpectedText[] {
  const page = brand.loginPage;
  const texts: ExpectedText[] = [
    { name: 'login header prefix', selector: 'headerPrefix', expected: page.header.prefix, match: 'equals' },
    { name: 'login header label', selector: 'headerLabel', expected: page.header.label, match: 'equals' },
    { name: 'login box title', selector: 'formTitle', expected: page.title, match: 'equals' },
    { name: 'footer copyright', selector: 'footer', expected: renderCopyright(page.footer.copyright, year), match: 'contains' },
  ];
  if (page.loginBox !== 'center') texts.push({ name: 'login teaser', selector: 'teaser', expected: page.teaser, match: 'equals' });
  if (page.informationMessage) texts.push({ name: 'information message', selector: 'informationMessage', expected: page.informationMessage, match: 'equals' });
  return texts;
}

export function textMatches(actual: string, item: ExpectedText): boolean {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  return item.match === 'equals' ? normalise(actual) === normalise(item.expected) : normalise(actual).includes(normalise(item.expected));
}
