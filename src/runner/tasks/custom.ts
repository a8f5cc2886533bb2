/**
 * A check written in the suite itself (`custom: [{ id, title, family, run }]`):
 * its function returns criteria, and the status follows from them.
 */
import { SignoffError } from '../../errors.ts';
import type { CustomTaskSpec } from '../../config/plan.ts';
import type { Task, TaskContext, TaskOutput } from '../task.ts';
import { checkStatusFromCriteria } from '../task.ts';

export function customTask(spec: CustomTaskSpec): Task {
  const { check } = spec;
  return {
    id: spec.id,
    title: spec.title,
    family: check.family,
    requirementIds: check.requirementIds,
    async run(ctx: TaskContext): Promise<TaskOutput> {
      const target = ctx.state.target;
      if (!target) throw new SignoffError('INTERNAL', `${spec.id}: no target is known when the check runs`);
      const startedAt = ctx.clock.now();
      const outcome = await check.run({
        signal: ctx.signal,
        runDir: ctx.runDir,
        target: { name: target.name, baseUrl: target.baseUrl, apiPath: target.apiPath, uiPath: target.uiPath, caFile: target.caFile },
        log: (message) => ctx.log(message),
      });
      return {
        checks: [
          {
            id: spec.id,
            title: spec.title,
            family: check.family,
            status: checkStatusFromCriteria(outcome.criteria),
            requirementIds: check.requirementIds,
            criteria: outcome.criteria,
            evidence: outcome.evidence ?? [],
            durationMs: Math.max(0, ctx.clock.now() - startedAt),
          },
        ],
      };
    },
  };
}
