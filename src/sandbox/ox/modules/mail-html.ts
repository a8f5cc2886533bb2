/**
 * The body part of mail?action=get by `view` (MW: raw, text, textNoHtmlAttach,
 * html, noimg) and `embedded`: html is sanitised (scripts dropped); noimg also
 * blocks external images and flags the mail `modified`; embedded answers the
 * body's inner HTML without the document shell, as the UI inlines it.
 */
import type { ParsedMail } from 'mailparser';

export interface BodyPart {
  part: { id: string; content_type: string; content: string; disp: string; size: number };
  /** True when external images were blocked (the answer's `modified: 1`). */
  modified: boolean;
}

const TEXT_VIEWS = new Set(['raw', 'text', 'textNoHtmlAttach']);

function sanitize(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/\son\w+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

/** Replaces http(s) image sources by a marker attribute, leaving inline `cid:` images. */
function blockExternalImages(html: string): { html: string; blocked: boolean } {
  let blocked = false;
  const out = html.replace(/(<img\b[^>]*?\s)src\s*=\s*("https?:[^"]*"|'https?:[^']*')/gi, (_m, head: string, src: string) => {
    blocked = true;
    return `${head}data-original-src=${src} src=""`;
  });
  return { html: out, blocked };
}

function embed(html: string): string {
  const styles = html.match(/<style\b[\s\S]*?<\/style\s*>/gi) ?? [];
  const body = /<body\b[^>]*>([\s\S]*?)<\/body\s*>/i.exec(html);
  const inner = body ? body[1]! : html.replace(/<\/?(?:html|head|body)\b[^>]*>/gi, '').replace(/<title\b[\s\S]*?<\/title\s*>/gi, '');
  return body ? styles.join('') + inner : inner;
}

export function bodyPart(parsed: ParsedMail, view: string | null, embedded: boolean): BodyPart {
  const text = parsed.text ?? '';
  if (TEXT_VIEWS.has(view ?? '') || !parsed.html) {
    return { part: { id: '1', content_type: 'text/plain', content: text, disp: 'inline', size: Buffer.byteLength(text) }, modified: false };
  }
  let html = sanitize(parsed.html);
  let modified = false;
  if (view === 'noimg') {
    const result = blockExternalImages(html);
    html = result.html;
    modified = result.blocked;
  }
  if (embedded) html = embed(html);
  return { part: { id: '1', content_type: 'text/html', content: html, disp: 'inline', size: Buffer.byteLength(html) }, modified };
}
