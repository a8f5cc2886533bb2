/**
 * checks.api: round-trips through the OX HTTP API with the first two sample
 * accounts — vCard/iCal migration files imported and exported again, mail
 * from A to B, and a password change that is always undone.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunPlan } from '../../config/plan.ts';
import type { ApiItem } from '../../config/suite.ts';
import { SignoffError } from '../../errors.ts';
import { runApiRoundTrips } from '../../probes/api/index.ts';
import type { RoundTripAccount } from '../../probes/api/index.ts';
import type { Task } from '../task.ts';
import { accountsTarget } from './accounts.ts';
import { familyTask, sampleAccounts } from './family.ts';

export function apiTask(item: ApiItem, plan: RunPlan): Task {
  return familyTask({
    family: 'api',
    title: 'API: migration round-trips, mail delivery, password change',
    requirementIds: item.requirementIds,
    async run(ctx, target, dirs) {
      const [a, b] = await sampleAccounts(target, plan.projectDir, 2);
      if (!a || !b) throw new SignoffError('ACCOUNTS_INVALID', `target "${target.name}": the API checks need two accounts (sender and recipient)`);
      const accounts: [RoundTripAccount, RoundTripAccount] = [
        { login: a.login, password: a.password, email: a.email },
        { login: b.login, password: b.password, email: b.email },
      ];
      const sourceDir = path.resolve(plan.projectDir, item.migrationDir);
      // A chosen subset is linked into a scratch folder: the round-trips read whole folders.
      const subsetDir = item.files ? await mkdtemp(path.join(os.tmpdir(), 'signoff-migration-')) : undefined;
      try {
        for (const file of item.files ?? []) await symlink(path.join(sourceDir, file), path.join(subsetDir as string, file));
        ctx.log(`API round-trips with ${a.login} → ${b.login}, migration samples from ${sourceDir}${item.files ? ` (${item.files.join(', ')})` : ''}`);
        const checks = await runApiRoundTrips({ target: accountsTarget(target), accounts, migrationDir: subsetDir ?? sourceDir, ...dirs });
        return { checks };
      } finally {
        if (subsetDir) await rm(subsetDir, { recursive: true, force: true });
      }
    },
  });
}
