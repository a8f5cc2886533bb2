/**
 * vCard/iCal migration round-trips through the OX API: parse the file locally
 * (a file that does not parse is a located error, nothing is uploaded), import
 * it (multipart `file`, callback page), export what was created, compare field
 * by field, and write the differences as a diff evidence file.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { FormData } from 'undici';
import type { CheckResult } from '../../model/types.ts';
import { checkErrorOf, criterion, makeCheck, type CheckIdentity, type RequirementMap } from '../common/check.ts';
import { describeError } from '../common/criteria.ts';
import type { EvidenceTarget } from '../common/transcript.ts';
import { compareItems, formatDifferences, type Fields } from './compare.ts';
import { IcalSyntaxError, parseIcalFile } from './ical-model.ts';
import type { OxClient } from './ox-client.ts';
import { oxCheckCode } from './ox-errors.ts';
import { parseVcardFile, VcardSyntaxError } from './vcard-model.ts';

export type MigrationKind = 'vcard' | 'ical';

const KIND = {
  vcard: { action: 'VCARD', mime: 'text/vcard', noun: 'contacts', parse: (t: string, f: string) => parseVcardFile(t, f) as unknown as Fields[] },
  ical: { action: 'ICAL', mime: 'text/calendar', noun: 'events', parse: (t: string, f: string) => parseIcalFile(t, f) as unknown as Fields[] },
} as const;

export function migrationIdentity(kind: MigrationKind, file: string): CheckIdentity {
  const name = basename(file).replace(/\.[^.]+$/, '');
  const what = kind === 'vcard' ? 'vCard' : 'iCal';
  return { id: `api.${kind}-roundtrip.${name}`, title: `${what} import → export keeps every field (${basename(file)})`, family: 'api' };
}

interface ImportedItem {
  id: string;
  folder_id: string;
}

async function importFile(client: OxClient, kind: MigrationKind, folder: string, file: string, content: string): Promise<ImportedItem[]> {
  // The callback page of an upload; an import with warnings (e.g. a field OX dropped) is still a success.
  const form = new FormData();
  form.append('file', new Blob([content], { type: KIND[kind].mime }), basename(file));
  const data = await client.call('import', KIND[kind].action, { folder }, { method: 'POST', body: form });
  return (Array.isArray(data) ? data : []) as ImportedItem[];
}

/** What real OX answers for a good export (MW ExportServlet formats); anything else is a failed download. */
const EXPORT_TYPE = { vcard: /^text\/(x-)?vcard\b/i, ical: /^text\/calendar\b/i } as const;

async function exportText(client: OxClient, kind: MigrationKind, folder: string, items: ImportedItem[]): Promise<string> {
  if (kind === 'vcard') {
    const ids = items.map((i) => `${i.folder_id}.${i.id}`).join(',');
    return client.download('export', 'VCARD', { ids }, EXPORT_TYPE.vcard);
  }
  // Per imported object, so events of earlier runs in the same folder are not compared.
  const texts = await Promise.all(items.map((i) => client.download('export', 'ICAL', { folder, id: i.id }, EXPORT_TYPE.ical)));
  return texts.join('');
}

function parseExport(kind: MigrationKind, text: string): Fields[] {
  if (kind === 'vcard') return KIND.vcard.parse(text, 'export');
  // Several VCALENDARs (one per export call): parse each, keep one item per key.
  const calendars = text.split(/(?=BEGIN:VCALENDAR)/).filter((c) => c.trim());
  const byKey = new Map<string, Fields>();
  for (const c of calendars) for (const e of KIND.ical.parse(c, 'export')) byKey.set(e.key, e);
  return [...byKey.values()];
}

export async function migrationRoundTrip(kind: MigrationKind, client: OxClient, folder: string, file: string, target: EvidenceTarget, requirements: RequirementMap): Promise<CheckResult> {
  const startedAt = performance.now();
  const identity = migrationIdentity(kind, file);
  const content = await readFile(file, 'utf8');
  let originals: Fields[];
  try {
    originals = KIND[kind].parse(content, file);
  } catch (error) {
    if (error instanceof VcardSyntaxError || error instanceof IcalSyntaxError) {
      const located = { code: kind === 'vcard' ? 'VCARD_INVALID' : 'ICAL_INVALID', message: error.message };
      return makeCheck(identity, requirements, startedAt, { criteria: [criterion('file parses', 'valid', `line ${error.line}: ${error.message}`, false)], error: located });
    }
    throw error;
  }
  const criteria = [criterion(`${KIND[kind].noun} in the file`, '≥ 1', String(originals.length), originals.length > 0)];
  try {
    const imported = await importFile(client, kind, folder, file, content);
    criteria.push(criterion(`${KIND[kind].noun} imported`, `≥ ${originals.length}`, String(imported.length), imported.length >= originals.length));
    const exported = parseExport(kind, await exportText(client, kind, folder, imported));
    const { criteria: fieldCriteria, differences } = compareItems(basename(file), originals, exported);
    criteria.push(...fieldCriteria);
    await mkdir(target.evidenceDir, { recursive: true });
    const diffFile = join(target.evidenceDir, `${identity.id}.diff.txt`);
    await writeFile(diffFile, formatDifferences(identity.title, differences));
    return makeCheck(identity, requirements, startedAt, { criteria, evidence: [{ kind: 'diff', path: relative(target.runDir, diffFile), title: `Field differences of ${basename(file)}` }] });
  } catch (error) {
    criteria.push(criterion('import and export', 'succeed', `failed: ${describeError(error)}`, false));
    return makeCheck(identity, requirements, startedAt, { criteria, error: checkErrorOf(error, oxCheckCode(error, 'OX_API_FAILED')) });
  }
}
