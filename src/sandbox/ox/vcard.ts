/**
 * vCard (2.1 lifted to 3.0, 3.0, 4.0; parsed with ical.js) ⇄ OX contact objects
 * (field names of the contacts module). OX has fixed slots, so this keeps what
 * they hold: 3 e-mails, typed phones, business/home/other addresses, one photo.
 */
import ICAL from 'ical.js';
import { OxError } from './envelope.ts';
import { liftVcard21 } from './vcard21.ts';

export type Contact = Record<string, unknown>;

type Jcal = ConstructorParameters<typeof ICAL.Component>[0];
type Property = InstanceType<typeof ICAL.Property>;

function types(p: Property): string[] {
  const t = p.getParameter('type');
  const list = Array.isArray(t) ? t : t === undefined || t === null ? [] : [t];
  return list.flatMap((x) => String(x).toLowerCase().split(','));
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function parts(value: unknown): string[] {
  return Array.isArray(value) ? value.map((x) => (Array.isArray(x) ? x.map(text).join(',') : text(x))) : text(value).split(';');
}

/** OX address slots and the vCard TYPE each one is written with. */
const ADDRESS_SLOTS = [
  ['business', 'WORK'],
  ['home', 'HOME'],
  ['other', ''],
] as const;
const ADDRESS_PARTS = ['street', 'city', 'state', 'postal_code', 'country'] as const;

/** Phone slots by vCard TYPE, tried in order; unknown types fill business first. */
const PHONE_SLOTS: [(t: string[]) => boolean, string[]][] = [
  [(t) => t.includes('fax') && t.includes('home'), ['fax_home', 'fax_other']],
  [(t) => t.includes('fax'), ['fax_business', 'fax_home', 'fax_other']],
  [(t) => t.includes('cell'), ['cellular_telephone1', 'cellular_telephone2']],
  [(t) => t.includes('pager'), ['telephone_pager']],
  [(t) => t.includes('car'), ['telephone_car']],
  [(t) => t.includes('isdn'), ['telephone_isdn']],
  [(t) => t.includes('home'), ['telephone_home1', 'telephone_home2']],
  [(t) => t.includes('work'), ['telephone_business1', 'telephone_business2']],
  [() => true, ['telephone_business1', 'telephone_business2']],
];
/** Phone field → TYPE on export. */
const PHONE_TYPES: [string, string][] = [
  ['telephone_business1', 'WORK,VOICE'], ['telephone_business2', 'WORK,VOICE'],
  ['telephone_home1', 'HOME,VOICE'], ['telephone_home2', 'HOME,VOICE'],
  ['cellular_telephone1', 'CELL'], ['cellular_telephone2', 'CELL'],
  ['fax_business', 'WORK,FAX'], ['fax_home', 'HOME,FAX'], ['fax_other', 'FAX'],
  ['telephone_pager', 'PAGER'], ['telephone_car', 'CAR'], ['telephone_isdn', 'ISDN'], ['telephone_other', 'VOICE'],
];

function readAddresses(card: InstanceType<typeof ICAL.Component>, contact: Contact): void {
  const free = new Set<string>(ADDRESS_SLOTS.map(([slot]) => slot));
  for (const adr of card.getAllProperties('adr')) {
    const t = types(adr);
    const wanted = t.includes('work') ? 'business' : t.includes('home') ? 'home' : 'other';
    const slot = free.has(wanted) ? wanted : free.has('other') ? 'other' : [...free][0];
    if (!slot) break; // OX has three address slots
    free.delete(slot);
    const p = parts(adr.getFirstValue());
    ADDRESS_PARTS.forEach((part, i) => {
      if (p[i + 2]) contact[`${part}_${slot}`] = p[i + 2];
    });
  }
}

function readPhones(card: InstanceType<typeof ICAL.Component>, contact: Contact): void {
  for (const p of card.getAllProperties('tel')) {
    const value = text(p.getFirstValue()).replace(/^tel:/i, '');
    const t = types(p);
    const slots = PHONE_SLOTS.find(([match]) => match(t))?.[1] ?? [];
    const field = [...slots, 'telephone_other'].find((f) => contact[f] === undefined);
    if (field) contact[field] = value;
  }
}

const IMAGE_TYPES: Record<string, string> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp' };

/** PHOTO as inline bytes (3.0 ENCODING=b, 4.0 data: URI) or as a link. */
function readPhoto(prop: Property | null, contact: Contact): void {
  if (!prop) return;
  const value = text(prop.getFirstValue()).trim();
  const dataUri = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s.exec(value);
  if (dataUri) {
    contact.image1 = (dataUri[2] as string).replace(/\s+/g, '');
    contact.image1_content_type = dataUri[1] || 'image/jpeg';
  } else if (/^(https?|ftp):/i.test(value)) {
    contact.image1_url = value;
  } else if (value) {
    contact.image1 = value.replace(/\s+/g, '');
    const t = types(prop).find((x) => IMAGE_TYPES[x.replace(/^image\//, '')]);
    contact.image1_content_type = t ? IMAGE_TYPES[t.replace(/^image\//, '')] : 'image/jpeg';
  }
}

/** Parses every VCARD in the text into a contact. */
export function parseVcards(input: string): Contact[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(liftVcard21(input));
  } catch (cause) {
    throw new OxError('IMP-0001', [(cause as Error).message], { cause });
  }
  const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as Jcal[];
  return list.map((jcard) => {
    const card = new ICAL.Component(jcard);
    if (card.name !== 'vcard') throw new OxError('IMP-0001', [`expected VCARD, found ${card.name}`]);
    const contact: Contact = {};
    const nParts = parts(card.getFirstPropertyValue('n'));
    if (nParts[0]) contact.last_name = nParts[0];
    if (nParts[1]) contact.first_name = nParts[1];
    if (nParts[2]) contact.second_name = nParts[2];
    if (nParts[3]) contact.title = nParts[3];
    if (nParts[4]) contact.suffix = nParts[4];
    const fn = text(card.getFirstPropertyValue('fn'));
    contact.display_name = fn || [contact.first_name, contact.last_name].filter(Boolean).join(' ');
    const emails = card.getAllProperties('email').map((p) => text(p.getFirstValue()));
    emails.slice(0, 3).forEach((e, i) => (contact[`email${i + 1}`] = e));
    readPhones(card, contact);
    const orgParts = parts(card.getFirstPropertyValue('org'));
    if (orgParts[0]) contact.company = orgParts[0];
    if (orgParts[1]) contact.department = orgParts.slice(1).filter(Boolean).join(';');
    const role = text(card.getFirstPropertyValue('title'));
    if (role) contact.position = role;
    const note = text(card.getFirstPropertyValue('note'));
    if (note) contact.note = note;
    const url = text(card.getFirstPropertyValue('url'));
    if (url) contact.url = url;
    const categories = card.getAllProperties('categories').flatMap((p) => p.getValues().map(text));
    if (categories.length) contact.categories = categories.join(',');
    const uid = text(card.getFirstPropertyValue('uid'));
    if (uid) contact.uid = uid;
    const bday = card.getFirstPropertyValue('bday') as unknown;
    if (bday) {
      const m = /(\d{4})-?(\d{2})-?(\d{2})/.exec(text(bday));
      if (m) contact.birthday = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    }
    readAddresses(card, contact);
    readPhoto(card.getFirstProperty('photo'), contact);
    return contact;
  });
}

/** Writes contacts as vCard 3.0 (what OX exports). */
export function formatVcards(contacts: Contact[]): string {
  return (
    contacts
      .map((c) => {
        const card = new ICAL.Component(['vcard', [], []]);
        const add = (name: string, value: unknown, params: Record<string, string> = {}) => {
          const p = new ICAL.Property(name, card);
          // A list, not one "WORK,VOICE" string, or ical.js quotes the comma.
          for (const [k, v] of Object.entries(params)) if (v) p.setParameter(k, k === 'type' ? v.split(',') : v);
          p.setValue(value as string);
          card.addProperty(p);
        };
        add('version', '3.0');
        add('prodid', '-//signoff//sandbox App Suite//EN');
        add('n', [text(c.last_name), text(c.first_name), text(c.second_name), text(c.title), text(c.suffix)]);
        add('fn', text(c.display_name) || [c.first_name, c.last_name].filter(Boolean).join(' '));
        for (const key of ['email1', 'email2', 'email3']) if (c[key]) add('email', text(c[key]), { type: 'INTERNET' });
        for (const [field, type] of PHONE_TYPES) if (c[field]) add('tel', text(c[field]), { type });
        if (c.company || c.department) add('org', [text(c.company), ...(c.department ? text(c.department).split(';') : [])]);
        if (c.position) add('title', text(c.position));
        if (c.note) add('note', text(c.note));
        if (c.url) add('url', text(c.url));
        if (c.categories) {
          const p = new ICAL.Property('categories', card);
          p.setValues(text(c.categories).split(','));
          card.addProperty(p);
        }
        if (typeof c.birthday === 'number') add('bday', new Date(c.birthday).toISOString().slice(0, 10));
        for (const [slot, type] of ADDRESS_SLOTS) {
          const values = ADDRESS_PARTS.map((part) => text(c[`${part}_${slot}`]));
          if (values.some(Boolean)) add('adr', ['', '', ...values], { type });
        }
        if (typeof c.image1 === 'string' && c.image1) {
          const subtype = text(c.image1_content_type).replace(/^image\//, '').toUpperCase() || 'JPEG';
          add('photo', c.image1, { encoding: 'b', type: subtype });
        } else if (typeof c.image1_url === 'string' && c.image1_url) {
          add('photo', c.image1_url, { value: 'uri' });
        }
        if (c.uid) add('uid', text(c.uid));
        return card.toString();
      })
      .join('\r\n') + '\r\n'
  );
}
