/**
 * vCard 2.1 → 3.0, because ical.js reads only 3.0/4.0 while OX accepts 2.1
 * (NOTES §11). 2.1 differs in syntax, not in meaning: bare type parameters
 * (`TEL;WORK;VOICE:`), `ENCODING=QUOTED-PRINTABLE` with soft line breaks and a
 * `CHARSET`, `ENCODING=BASE64` values continued on indented lines and ended
 * by an empty line, and `VALUE=URL`. Cards of other versions pass unchanged.
 */
import { decode as decodeQuotedPrintable } from 'libqp';

const CARD = /BEGIN:VCARD[\s\S]*?END:VCARD/gi;

/** Lifts every 2.1 card in the text; everything else is kept as it is. */
export function liftVcard21(input: string): string {
  return input.replace(CARD, (card) => (/^VERSION:2\.1[ \t]*$/im.test(card) ? liftCard(card) : card));
}

/** Physical lines → logical property lines (2.1 folding, QP soft breaks, BASE64 blocks). */
function logicalLines(card: string): string[] {
  const lines: string[] = [];
  let quotedPrintable = false;
  for (const physical of card.split(/\r?\n/)) {
    const last = lines.length - 1;
    if (quotedPrintable && last >= 0) {
      // The previous QP line ended in '=' (a soft break): this one continues it, whitespace included.
      lines[last] = (lines[last] as string).slice(0, -1) + physical;
    } else if (/^[ \t]/.test(physical) && last >= 0) {
      lines[last] += physical.replace(/^[ \t]+/, '');
    } else if (physical !== '') {
      lines.push(physical);
    }
    const current = lines[lines.length - 1] ?? '';
    quotedPrintable = isQuotedPrintable(current) && current.endsWith('=');
  }
  return lines;
}

function isQuotedPrintable(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && /;(ENCODING=)?QUOTED-PRINTABLE(;|$)/i.test(line.slice(0, colon));
}

/** A decoded 2.1 text value as 3.0 text: line breaks become `\n`, and `,` is escaped in single text values. */
function escapeText(value: string, structured: boolean): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n');
  return structured ? escaped : escaped.replace(/,/g, '\\,');
}

/** Properties whose value is a ';'-separated structure in both versions. */
const STRUCTURED = new Set(['N', 'ADR', 'ORG']);

function liftLine(line: string): string {
  const colon = line.indexOf(':');
  if (colon < 0) return line;
  const [nameWithGroup = '', ...params] = line.slice(0, colon).split(';');
  const name = nameWithGroup.replace(/^.*\./, '').toUpperCase();
  let value = line.slice(colon + 1);
  if (name === 'VERSION') return 'VERSION:3.0';
  const types: string[] = [];
  const kept: string[] = [];
  let encoding = '';
  let charset = 'utf-8';
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = (eq < 0 ? '' : param.slice(0, eq)).toUpperCase();
    const v = eq < 0 ? param : param.slice(eq + 1);
    if (eq < 0 && /^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT)$/i.test(v)) encoding = v.toUpperCase();
    else if (eq < 0) types.push(v);
    else if (key === 'ENCODING') encoding = v.toUpperCase();
    else if (key === 'CHARSET') charset = v;
    else if (key === 'TYPE') types.push(...v.split(','));
    else if (key === 'VALUE' && /^URL$/i.test(v)) kept.push('VALUE=uri');
    else kept.push(param);
  }
  if (encoding === 'QUOTED-PRINTABLE') {
    const decoded = new TextDecoder(charset.toLowerCase()).decode(decodeQuotedPrintable(value));
    value = escapeText(decoded, STRUCTURED.has(name));
  } else if (encoding === 'BASE64' || encoding === 'B') {
    kept.push('ENCODING=b');
    value = value.replace(/\s+/g, '');
  }
  if (types.length) kept.unshift(`TYPE=${types.join(',')}`);
  return `${[nameWithGroup, ...kept].join(';')}:${value}`;
}

function liftCard(card: string): string {
  return logicalLines(card).map(liftLine).join('\r\n');
}
