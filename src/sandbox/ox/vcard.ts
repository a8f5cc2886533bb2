/** vCard (3.0/4.0, via ical.js) ⇄ OX contact objects (field names of the contacts module). */
import ICAL from 'ical.js';
import { OxError } from './envelope.ts';

export type Contact = Record<string, unknown>;

type Jcal = ConstructorParameters<typeof ICAL.Component>[0];

function types(p: InstanceType<typeof ICAL.Property>): string[] {
  const t = p.getParameter('type');
  const list = Array.isArray(t) ? t : t === undefined || t === null ? [] : [t];
  return list.flatMap((x) => String(x).toLowerCase().split(','));
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Parses every VCARD in the text into a contact. */
export function parseVcards(input: string): Contact[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(input);
  } catch (cause) {
    throw new OxError('IMP-0001', [(cause as Error).message], { cause });
  }
  const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as Jcal[];
  return list.map((jcard) => {
    const card = new ICAL.Component(jcard);
    if (card.name !== 'vcard') throw new OxError('IMP-0001', [`expected VCARD, found ${card.name}`]);
    const contact: Contact = {};
    const n = card.getFirstPropertyValue('n') as unknown;
    const nParts = Array.isArray(n) ? n.map(text) : text(n).split(';');
    if (nParts[0]) contact.last_name = nParts[0];
    if (nParts[1]) contact.first_name = nParts[1];
    if (nParts[2]) contact.second_name = nParts[2];
    if (nParts[3]) contact.title = nParts[3];
    if (nParts[4]) contact.suffix = nParts[4];
    const fn = text(card.getFirstPropertyValue('fn'));
    contact.display_name = fn || [contact.first_name, contact.last_name].filter(Boolean).join(' ');
    const emails = card.getAllProperties('email').map((p) => text(p.getFirstValue()));
    emails.slice(0, 3).forEach((e, i) => (contact[`email${i + 1}`] = e));
    for (const p of card.getAllProperties('tel')) {
      const t = types(p);
      const value = text(p.getFirstValue()).replace(/^tel:/, '');
      const field = t.includes('cell') ? 'cellular_telephone1' : t.includes('home') ? 'telephone_home1' : t.includes('fax') ? 'fax_business' : 'telephone_business1';
      if (contact[field] === undefined) contact[field] = value;
    }
    const org = card.getFirstPropertyValue('org') as unknown;
    const orgParts = Array.isArray(org) ? org.map(text) : text(org).split(';');
    if (orgParts[0]) contact.company = orgParts[0];
    if (orgParts[1]) contact.department = orgParts[1];
    const role = text(card.getFirstPropertyValue('title'));
    if (role) contact.position = role;
    const note = text(card.getFirstPropertyValue('note'));
    if (note) contact.note = note;
    const uid = text(card.getFirstPropertyValue('uid'));
    if (uid) contact.uid = uid;
    const bday = card.getFirstPropertyValue('bday') as unknown;
    if (bday) {
      const m = /(\d{4})-?(\d{2})-?(\d{2})/.exec(text(bday));
      if (m) contact.birthday = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    }
    const adr = card.getFirstProperty('adr');
    if (adr) {
      const v = adr.getFirstValue() as unknown;
      const parts = Array.isArray(v) ? v.map(text) : text(v).split(';');
      const prefix = types(adr).includes('home') ? 'home' : 'business';
      if (parts[2]) contact[`street_${prefix}`] = parts[2];
      if (parts[3]) contact[`city_${prefix}`] = parts[3];
      if (parts[4]) contact[`state_${prefix}`] = parts[4];
      if (parts[5]) contact[`postal_code_${prefix}`] = parts[5];
      if (parts[6]) contact[`country_${prefix}`] = parts[6];
    }
    return contact;
  });
}

/** Writes contacts as vCard 3.0 (what OX exports). */
export function formatVcards(contacts: Contact[]): string {
  return contacts
    .map((c) => {
      const card = new ICAL.Component(['vcard', [], []]);
      const add = (name: string, value: unknown, type?: string) => {
        const p = new ICAL.Property(name, card);
        if (type) p.setParameter('type', type);
        p.setValue(value as string);
        card.addProperty(p);
      };
      add('version', '3.0');
      add('prodid', '-//signoff//sandbox App Suite//EN');
      add('n', [text(c.last_name), text(c.first_name), text(c.second_name), text(c.title), text(c.suffix)]);
      add('fn', text(c.display_name) || [c.first_name, c.last_name].filter(Boolean).join(' '));
      for (const key of ['email1', 'email2', 'email3']) if (c[key]) add('email', text(c[key]), 'INTERNET');
      if (c.telephone_business1) add('tel', text(c.telephone_business1), 'WORK');
      if (c.telephone_home1) add('tel', text(c.telephone_home1), 'HOME');
      if (c.cellular_telephone1) add('tel', text(c.cellular_telephone1), 'CELL');
      if (c.fax_business) add('tel', text(c.fax_business), 'FAX');
      if (c.company || c.department) add('org', [text(c.company), text(c.department)]);
      if (c.position) add('title', text(c.position));
      if (c.note) add('note', text(c.note));
      if (typeof c.birthday === 'number') add('bday', new Date(c.birthday).toISOString().slice(0, 10));
      for (const prefix of ['business', 'home']) {
        if (c[`street_${prefix}`] || c[`city_${prefix}`]) {
          add('adr', ['', '', text(c[`street_${prefix}`]), text(c[`city_${prefix}`]), text(c[`state_${prefix}`]), text(c[`postal_code_${prefix}`]), text(c[`country_${prefix}`])], prefix === 'home' ? 'HOME' : 'WORK');
        }
      }
      if (c.uid) add('uid', text(c.uid));
      return card.toString();
    })
    .join('\r\n') + '\r\n';
}
