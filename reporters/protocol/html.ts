/** Small HTML builders for the protocol; every text goes through escape. */
import { escape } from 'he';

export function esc(text: string | number): string {
  return escape(String(text));
}

export interface Column<T> {
  head: string;
  cell: (row: T) => string; // already HTML
  numeric?: boolean;
}

export function table<T>(rows: readonly T[], columns: Column<T>[], className = ''): string {
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${esc(c.head)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${c.cell(row)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export type Verdict = 'passed' | 'failed' | 'skipped' | 'error' | 'not verified' | 'manual' | 'interrupted';

export function badge(verdict: Verdict | string): string {
  const cls = verdict.replace(/\s+/g, '-');
  return `<span class="badge ${esc(cls)}">${esc(verdict.toUpperCase())}</span>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>\n${body}\n</section>`;
}

export function notPartOfRun(what: string): string {
  return `<p class="absent">${esc(what)}: not part of this run.</p>`;
}

export function dataUri(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}
