/**
 * The unprivileged system user the sandbox daemons run as when signoff runs as
 * root (Dovecot refuses root). scripts/bootstrap.sh creates it. Checked here on
 * its own, without the sandbox code, so doctor works even when that is broken.
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import { BOOTSTRAP } from './registry.ts';

const run = promisify(execFile);

export const SANDBOX_USER = 'signoff';

export interface SandboxUserReport {
  name: string;
  uid: number | null;
  /** Only root drops privileges; anyone else runs the daemons as themselves. */
  needed: boolean;
  status: 'ok' | 'missing' | 'not-needed';
  fix: string | null;
}

export async function checkSandboxUser(name = SANDBOX_USER): Promise<SandboxUserReport> {
  const needed = userInfo().uid === 0;
  const uid = await run('id', ['-u', name]).then(
    ({ stdout }) => Number(stdout.trim()),
    () => null,
  );
  if (uid !== null) return { name, uid, needed, status: 'ok', fix: null };
  if (!needed) return { name, uid, needed, status: 'not-needed', fix: null };
  return { name, uid, needed, status: 'missing', fix: `${BOOTSTRAP} (as root)` };
}
