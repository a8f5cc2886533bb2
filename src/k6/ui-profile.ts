/**
 * Which App Suite UI the load imitates, and how long its sessions live. Read
 * once per VU from the environment (signoff's runner passes them):
 * SIGNOFF_UI '7.10' (default) | '8'; SIGNOFF_SESSION_SECONDS mean session
 * length (default 600 s); SIGNOFF_REFRESH_SECONDS the UI's auto-refresh
 * (default 300 s, FE io.ox/core setting refreshInterval 300000 ms);
 * SIGNOFF_MAIL_SEND 'compose' (composition spaces, default) | 'legacy' (action=new).
 */

export type UiProfile = '7.10' | '8';

export interface UiModel {
  ui: UiProfile;
  sessionSeconds: number;
  refreshSeconds: number;
  mailSend: 'compose' | 'legacy';
}

export const DEFAULT_SESSION_SECONDS = 600;
export const DEFAULT_REFRESH_SECONDS = 300;

function positive(name: string, fallback: number): number {
  const text = __ENV[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`signoff: ${name} must be a number of seconds > 0, got "${text}"`);
  return value;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const text = __ENV[name];
  if (text === undefined || text === '') return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`signoff: ${name} must be one of ${allowed.join(', ')}, got "${text}"`);
  return text as T;
}

export function readUiModel(): UiModel {
  return {
    ui: oneOf('SIGNOFF_UI', ['7.10', '8'] as const, '7.10'),
    sessionSeconds: positive('SIGNOFF_SESSION_SECONDS', DEFAULT_SESSION_SECONDS),
    refreshSeconds: positive('SIGNOFF_REFRESH_SECONDS', DEFAULT_REFRESH_SECONDS),
    mailSend: oneOf('SIGNOFF_MAIL_SEND', ['compose', 'legacy'] as const, 'compose'),
  };
}

/** Read in the init context, so a bad value fails the run before it starts. */
export const uiModel: UiModel = readUiModel();
