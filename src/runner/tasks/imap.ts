/**
 * probes.imap: the IMAP compatibility probe against the target's mail
 * backend. The capability matrix (what OX needs, what the server offers, the
 * impact of each gap) goes to evidence/imap/capability-matrix.json, the
 * per-command latency to evidence/imap/latency.json.
 */
import type { RunPlan } from '../../config/plan.ts';
import type { ImapItem } from '../../config/suite.ts';
import { SignoffError } from '../../errors.ts';
import { runImapProbe } from '../../probes/imap/index.ts';
import type { Task } from '../task.ts';
import { familyTask, sampleAccounts, writeJsonEvidence } from './family.ts';

export const IMAP_MATRIX_FILE = 'capability-matrix.json';
export const IMAP_LATENCY_FILE = 'latency.json';

export function imapTask(item: ImapItem, plan: RunPlan): Task {
  return familyTask({
    family: 'imap',
    title: 'IMAP: mail backend compatibility with OX App Suite',
    requirementIds: item.requirementIds,
    async run(ctx, target, dirs) {
      const imap = target.imap;
      if (!imap) throw new SignoffError('CONFIG_INVALID', `target "${target.name}" has no imap; set targets.${target.name}.imap`);
      const accounts = await sampleAccounts(target, plan.projectDir, item.accounts);
      ctx.log(`IMAP probe: ${imap.host}:${imap.port} (${imap.tls}), ${accounts.length} accounts`);
      const result = await runImapProbe({
        host: imap.host,
        port: imap.port,
        tls: imap.tls,
        ...(target.caFile ? { caFile: target.caFile } : {}),
        accounts: accounts.map((a) => ({ login: a.imapLogin, password: a.password })),
        parallelSessions: item.parallelSessions,
        signal: ctx.signal,
        ...dirs,
      });
      const matrix = await writeJsonEvidence(dirs, IMAP_MATRIX_FILE, result.matrix, 'IMAP capability matrix (required by OX vs offered)');
      const latency = await writeJsonEvidence(dirs, IMAP_LATENCY_FILE, result.latency, 'IMAP latency per command');
      const checks = result.checks.map((c) => {
        const extra = c.id === 'imap.capabilities' ? [matrix] : c.id === 'imap.latency' ? [latency] : [];
        return { ...c, evidence: [...c.evidence, ...extra] };
      });
      return { checks, probes: { imap: { matrix: result.matrix, latency: result.latency } } };
    },
  });
}
