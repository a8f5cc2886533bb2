/**
 * Calendar folder ids. Chronos accepts only composite ids `cal://0/<id>`
 * (MW chronos IDMangling; anything else is CAL-4060), as the UI builds them
 * from the default calendar folder ('cal://0/' + folder id). iCal import and
 * export are the legacy importexport module: the stored MW ICalExporter
 * (com.openexchange.importexport/.../exporters/ICalExporter.java) parses the
 * folder with Integer.parseInt, later versions accept both forms, so the
 * bare id is the one every version takes there.
 */
const COMPOSITE = /^cal:\/\/\d+\//;

/** `34` → `cal://0/34`; a composite id stays as it is. */
export function chronosFolderId(folder: string | number): string {
  const id = String(folder);
  return COMPOSITE.test(id) ? id : `cal://0/${id}`;
}

/** `cal://0/34` → `34` for iCal import/export; a bare id stays as it is. */
export function legacyCalendarFolderId(folder: string | number): string {
  return String(folder).replace(COMPOSITE, '');
}
