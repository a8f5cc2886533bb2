/**
 * csv-parse's errors, as signoff shows them: the line, and the stable error
 * code in words. Its own message quotes the field it stopped at, which may be
 * a password, so it is never shown.
 */
export function csvErrorLine(cause: unknown): number {
  const lines = (cause as { lines?: unknown }).lines;
  return typeof lines === 'number' && lines > 0 ? lines : 1;
}

/** CSV_QUOTE_NOT_CLOSED → "quote not closed (CSV_QUOTE_NOT_CLOSED)". */
export function csvErrorText(cause: unknown): string {
  const code = (cause as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('CSV_')) return 'the file cannot be parsed as CSV';
  return `${code.slice(4).toLowerCase().replace(/_/g, ' ')} (${code})`;
}
