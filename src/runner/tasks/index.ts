/** Task specs of the plan → task modules. One module per kind of task. */
import type { RunPlan, TaskSpec } from '../../config/plan.ts';
import type { Task } from '../task.ts';
import { customTask } from './custom.ts';
import { loadTask } from './load.ts';
import { sandboxTask } from './sandbox.ts';

export function createTask(spec: TaskSpec, plan: RunPlan): Task {
  switch (spec.kind) {
    case 'sandbox':
      return sandboxTask(spec, plan.target.name);
    case 'load':
      return loadTask(spec, plan);
    case 'custom':
      return customTask(spec);
  }
}
