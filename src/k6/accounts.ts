/**
 * The account pool: one JSON file read once in the init context into a
 * SharedArray (one copy for all VUs). VU n uses account (n-1) % pool size, so
 * sessions spread over users and stay below OX's per-user session limit; a
 * process running an execution segment starts at its segment's share of the pool.
 */
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import { settings } from './settings.ts';

export interface OxAccount {
  /** OX login, `user@context`. */
  login: string;
  password: string;
  email: string;
}

function isAccount(value: unknown): value is OxAccount {
  const a = value as Partial<OxAccount> | null;
  return typeof a?.login === 'string' && typeof a.password === 'string' && typeof a.email === 'string';
}

const pool = new SharedArray<OxAccount>('signoff-accounts', () => {
  const parsed: unknown = JSON.parse(open(settings.accountsFile));
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isAccount)) {
    throw new Error(`signoff: ${settings.accountsFile} must be a non-empty JSON array of {login, password, email}`);
  }
  return parsed;
});

export function poolSize(): number {
  return pool.length;
}

/** A fraction as k6 writes it in an execution segment: "1/4", "0.25" or "0". */
function fraction(text: string): number {
  const [numerator, denominator] = text.split('/');
  return denominator === undefined ? Number(numerator) : Number(numerator) / Number(denominator);
}

/**
 * Where this process's slice of the pool starts. VU ids restart at 1 in every
 * k6 process, so without it N segment processes (or k6-operator runners) would
 * all log in as the same first users.
 */
function segmentOffset(): number {
  const segment = exec.test.options.executionSegment as unknown;
  if (typeof segment !== 'string' || !segment.includes(':')) return 0;
  const start = fraction(segment.split(':')[0] ?? '0');
  return Number.isFinite(start) ? Math.floor(start * pool.length) : 0;
}

// Test options and the VU id are readable only once VU code runs, not in the
// init context; both stay the same for the VU's life (exec.vu builds a new object per read).
let firstAccount: number | undefined;

/** The account `offset` places after this VU's own one (0 = its own). */
export function accountForVu(offset = 0): OxAccount {
  firstAccount ??= segmentOffset() + exec.vu.idInTest - 1;
  const index = (firstAccount + offset) % pool.length;
  return pool[index] as OxAccount;
}

/** Another user of the pool (the next one), e.g. as a mail recipient; itself when the pool has one account. */
export function peerAccount(): OxAccount {
  return accountForVu(pool.length > 1 ? 1 : 0);
}
