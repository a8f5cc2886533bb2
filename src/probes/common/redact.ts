/**
 * Keeps secrets out of everything a probe writes. Two layers: protocol-aware
 * redaction of the lines that carry credentials (IMAP LOGIN/AUTHENTICATE), and
 * a final pass that blanks every known secret wherever it still appears
 * (quoted, escaped or echoed back by a server).
 */

export const REDACTED = '***';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Forms a secret can take on the wire: as is, IMAP-quoted (\\ and \" escaped), base64. */
function secretForms(secret: string): string[] {
  const quoted = secret.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const forms = new Set([secret, quoted, Buffer.from(secret).toString('base64').replace(/=+$/, '')]);
  return [...forms].filter((form) => form.length >= 3);
}

/** Replaces every occurrence of every secret (and its wire forms) with ***. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
  }
  return out;
}

/**
 * Redacts one client→server IMAP line: `a1 LOGIN user pass` keeps the user,
 * `a1 AUTHENTICATE PLAIN <b64>` keeps the mechanism. SASL continuation lines
 * are handled by the caller (it knows that an AUTHENTICATE is in progress).
 */
export function redactImapClientLine(line: string): string {
  const login = /^(\S+\s+LOGIN\s+)("(?:[^"\\]|\\.)*"|\S+)(\s.*)?$/i.exec(line);
  if (login) return `${login[1]}${login[2]} ${REDACTED}`;
  const authenticate = /^(\S+\s+AUTHENTICATE\s+\S+)(\s.*)?$/i.exec(line);
  if (authenticate) return authenticate[2] ? `${authenticate[1]} ${REDACTED}` : (authenticate[1] as string);
  return line;
}
