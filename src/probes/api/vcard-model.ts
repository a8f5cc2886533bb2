/**
 * vCard files → the fields a migration must keep (names, e-mails, phones,
 * addresses, birthday, organisation, notes, photo), parsed with ical.js.
 * Cards are parsed one by one so a broken card is reported at its file:line.
 * vCard 2.1 (bare TYPE parameters, QUOTED-PRINTABLE) is lifted to 3.0 first,
 * because ical.js reads only 3.0/4.0.
 */
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';

export interface CardFields {
  key: string; // UID, else FN
  fn: string;
  name: string; // family;given;additional;prefix;suffix
  emails: string[];
  phones: string[];
  addresses: string[];
  birthday?: string; // YYYY-MM-DD
  organisation?: string; // company;department
  title?: string;
  note?: string;
  photo?: string; // sha256 of the image bytes
}

export class VcardSyntaxError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'VcardSyntaxError';
    this.file = file;
    this.line = line;
  }
}

interface RawCard {
  text: string;
  startLine: number; // 1-based line of BEGIN:VCARD
}

function splitCards(text: string): RawCard[] {
  const lines = text.split(/\r?\n/);
  const cards: RawCard[] = [];
  let current: { lines: string[]; start: number } | undefined;
  lines.forEach((line, index) => {
    if (/^BEGIN:VCARD\s*$/i.test(line)) current = { lines: [], start: index + 1 };
    if (current) current.lines.push(line);
    if (current && /^END:VCARD\s*$/i.test(line)) {
      cards.push({ text: `${current.lines.join('\r\n')}\r\n`, startLine: current.start });
      current = undefined;
    }
  });
  if (current) cards.push({ text: `${current.lines.join('\r\n')}\r\n`, startLine: current.start });
  return cards;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(value.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i] as string, 'utf8'));
  }
  return new TextDecoder(charset.toLowerCase() === 'utf-8' ? 'utf-8' : charset).decode(Uint8Array.from(bytes));
}

/** vCard 2.1 → 3.0: `TEL;WORK;VOICE:` → `TEL;TYPE=WORK,VOICE:`, QP decoded, BASE64 → b. */
export function liftVcard21(card: string): string {
  if (!/^VERSION:2\.1\s*$/im.test(card)) return card;
  // QP soft line breaks (`=` at the end) join lines before anything else.
  const joined = card.replace(/=\r?\n/g, '').replace(/\r?\n[ \t]/g, '');
  return joined
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0) return line;
      const [name = '', ...params] = line.slice(0, colon).split(';');
      let value = line.slice(colon + 1);
      if (/^VERSION$/i.test(name)) return 'VERSION:3.0';
      const types: string[] = [];
      const kept: string[] = [];
      let charset = 'utf-8';
      for (const param of params) {
        const [k = '', v] = param.split('=');
        if (v === undefined) types.push(k);
        else if (/^ENCODING$/i.test(k) && /^QUOTED-PRINTABLE$/i.test(v)) value = '\u0000QP';
        else if (/^ENCODING$/i.test(k) && /^BASE64$/i.test(v)) kept.push('ENCODING=b');
        else if (/^CHARSET$/i.test(k)) charset = v;
        else if (/^TYPE$/i.test(k)) types.push(...v.split(','));
        else kept.push(param);
      }
      if (value === '\u0000QP') value = decodeQuotedPrintable(line.slice(colon + 1), charset).replace(/\r?\n/g, '\\n');
      if (types.length) kept.unshift(`TYPE=${types.join(',')}`);
      return `${[name, ...kept].join(';')}:${value}`;
    })
    .join('\r\n');
}

/** Where ical.js' complaint points: it quotes the offending line, which we look up in the card. */
function locate(card: RawCard, message: string): number {
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (!quoted) return card.startLine;
  const index = card.text.split(/\r\n/).findIndex((l) => l.startsWith(quoted.slice(0, 40)));
  return index < 0 ? card.startLine : card.startLine + index;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v)).trim();
const parts = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (Array.isArray(x) ? x.join(',') : text(x))) : text(v).split(';'));
const joinParts = (list: string[]): string => list.map((p) => p.replace(/\s+/g, ' ').trim()).join(';').replace(/;+$/, '');

function photoHash(prop: InstanceType<typeof ICAL.Property> | null): string | undefined {
  if (!prop) return undefined;
  const value = text(prop.getFirstValue());
  const data = /^data:[^,]*;base64,(.*)$/s.exec(value);
  if (data?.[1]) return createHash('sha256').update(Buffer.from(data[1], 'base64')).digest('hex');
  if (/^https?:/i.test(value)) return `uri:${value}`;
  return createHash('sha256').update(Buffer.from(value.replace(/\s+/g, ''), 'base64')).digest('hex');
}

function fieldsOf(card: InstanceType<typeof ICAL.Component>): CardFields {
  const all = (name: string) => card.getAllProperties(name);
  const first = (name: string) => text(card.getFirstPropertyValue(name));
  const fn = first('fn');
  const fields: CardFields = {
    key: first('uid') || fn,
    fn,
    name: joinParts(parts(card.getFirstPropertyValue('n'))),
    emails: all('email').map((p) => text(p.getFirstValue()).toLowerCase()).sort(),
    phones: all('tel').map((p) => text(p.getFirstValue()).replace(/^tel:/i, '').replace(/[^+\d]/g, '')).sort(),
    addresses: all('adr').map((p) => joinParts(parts(p.getFirstValue()).slice(2))).sort(),
  };
  const bday = /(\d{4})-?(\d{2})-?(\d{2})/.exec(first('bday'));
  if (bday) fields.birthday = `${bday[1]}-${bday[2]}-${bday[3]}`;
  const org = card.getFirstPropertyValue('org');
  if (org) fields.organisation = joinParts(parts(org));
  if (first('title')) fields.title = first('title');
  if (first('note')) fields.note = first('note').replace(/\r\n/g, '\n');
  const photo = photoHash(card.getFirstProperty('photo'));
  if (photo) fields.photo = photo;
  return fields;
}

/** Every card of a file; throws VcardSyntaxError at the first card that does not parse. */
export function parseVcardFile(content: string, file: string): CardFields[] {
  const cards = splitCards(content);
  if (cards.length === 0) throw new VcardSyntaxError(file, 1, 'no BEGIN:VCARD found');
  return cards.map((card) => {
    let jcard: unknown;
    try {
      jcard = ICAL.parse(liftVcard21(card.text));
    } catch (error) {
      throw new VcardSyntaxError(file, locate(card, (error as Error).message), (error as Error).message);
    }
    const component = new ICAL.Component(jcard as ConstructorParameters<typeof ICAL.Component>[0]);
    if (!/END:VCARD\s*$/i.test(card.text.trimEnd())) throw new VcardSyntaxError(file, card.startLine, 'card has no END:VCARD');
    return fieldsOf(component);
  });
}
