/**
 * The one unprivileged identity every sandbox daemon runs as. Dovecot refuses
 * root (P1), so a root harness drops to the `signoff` system user created by
 * scripts/bootstrap.sh; anyone else runs the daemons as themselves.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { SignoffError } from '../errors.ts';

export interface DaemonIdentity {
  user: string;
  group: string;
  uid: number;
  gid: number;
  /** True when we are root and children must be spawned with uid/gid. */
  drop: boolean;
}

export const SANDBOX_SYSTEM_USER = 'signoff';

function id(args: string[]): string {
  return execFileSync('id', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function daemonIdentity(): DaemonIdentity {
  const self = userInfo();
  if (self.uid !== 0) {
    return { user: self.username, group: id(['-gn']), uid: self.uid, gid: self.gid, drop: false };
  }
  try {
    const user = SANDBOX_SYSTEM_USER;
    return { user, group: id(['-gn', user]), uid: Number(id(['-u', user])), gid: Number(id(['-g', user])), drop: true };
  } catch (cause) {
    throw new SignoffError(
      'PACKAGE_MISSING',
      `system user "${SANDBOX_SYSTEM_USER}" does not exist; running as root, the sandbox daemons need it (Dovecot refuses root)`,
      { cause, hint: 'Run `npm run bootstrap` as root; it creates the system user.' },
    );
  }
}

/** spawn() options that run a child as the daemon identity. */
export function spawnIdentity(identity: DaemonIdentity): { uid?: number; gid?: number } {
  return identity.drop ? { uid: identity.uid, gid: identity.gid } : {};
}
