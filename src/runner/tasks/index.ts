/** Task specs of the plan → task modules. One module per kind of task. */
import type { RunPlan, TaskSpec } from '../../config/plan.ts';
import type { Task } from '../task.ts';
import { customTask } from './custom.ts';
import { loadTask } from './load.ts';
import { sandboxTask } from './sandbox.ts';
import type { SandboxLifecycle } from './sandbox.ts';
import { SignoffError } from '../../errors.ts';

export interface TaskServices {
  sandbox?: SandboxLifecycle | undefined;
}

export function createTask(spec: TaskSpec, plan: RunPlan, services: TaskServices = {}): Task {
  switch (spec.kind) {
    case 'sandbox':
      if (!services.sandbox) throw new SignoffError('INTERNAL', 'a sandbox target needs the sandbox lifecycle (ExecuteOptions.sandbox)');
      return sandboxTask(spec, plan.target.name, services.sandbox);
    case 'load':
      return loadTask(spec, plan);
    case 'custom':
      return customTask(spec);
  }
}
