/**
 * probes.ldap: the LDAP authentication probe against the target's directory,
 * with the target's sample accounts. Its summary (modes tried, the one that
 * works, user count, latency) goes to evidence/ldap/summary.json.
 */
import type { RunPlan } from '../../config/plan.ts';
import type { LdapItem } from '../../config/suite.ts';
import { SignoffError } from '../../errors.ts';
import { runLdapProbe } from '../../probes/ldap/index.ts';
import type { LdapProbeInput } from '../../probes/ldap/index.ts';
import type { Task } from '../task.ts';
import { familyTask, sampleAccounts, writeJsonEvidence } from './family.ts';

export const LDAP_SUMMARY_FILE = 'summary.json';

export function ldapTask(item: LdapItem, plan: RunPlan): Task {
  return familyTask({
    family: 'ldap',
    title: 'LDAP: OX authentication against the directory',
    requirementIds: item.requirementIds,
    async run(ctx, target, dirs) {
      const ldap = target.ldap;
      if (!ldap) throw new SignoffError('CONFIG_INVALID', `target "${target.name}" has no ldap; set targets.${target.name}.ldap`);
      const accounts = await sampleAccounts(target, plan.projectDir, item.accounts);
      const contextBaseDn = ldap.contextBaseDn;
      const input: LdapProbeInput = {
        url: ldap.url,
        startTls: ldap.startTls,
        baseDn: ldap.baseDn,
        mode: item.mode,
        uidAttribute: ldap.uidAttribute,
        accounts: accounts.map((a) => ({ login: a.login, password: a.password })),
        ...(target.caFile ? { caFile: target.caFile } : {}),
        ...(contextBaseDn ? { contextBaseDn: (context: string) => contextBaseDn.replaceAll('{context}', context) } : {}),
        ...(ldap.searchFilter ? { searchFilter: ldap.searchFilter } : {}),
        ...(ldap.bind ? { bind: ldap.bind } : {}),
        ...(item.requiredAttributes ? { requiredAttributes: item.requiredAttributes } : {}),
        ...(item.wrongPasswordCheck && accounts[0] ? { probeAccountForWrongPassword: accounts[0].login } : {}),
        ...dirs,
      };
      ctx.log(`LDAP probe: ${ldap.url}${ldap.startTls ? ' (StartTLS)' : ''}, ${accounts.length} accounts, mode ${item.mode}`);
      const result = await runLdapProbe(input);
      const summary = await writeJsonEvidence(dirs, LDAP_SUMMARY_FILE, result.summary, 'LDAP summary: modes tried, mode used, user count, latency');
      return { checks: result.checks.map((c) => ({ ...c, evidence: [...c.evidence, summary] })), probes: { ldap: result.summary } };
    },
  });
}
