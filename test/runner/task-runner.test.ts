import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SignoffError } from '../../src/errors.ts';
import { manualClock } from '../../src/runner/clock.ts';
import type { Task, TaskContext } from '../../src/runner/task.ts';
import { runTasks } from '../../src/runner/task-runner.ts';

function recordingTask(id: string, events: string[], behaviour: Partial<Pick<Task, 'setup' | 'run' | 'teardown'>> = {}): Task {
  return {
    id,
    title: `Task ${id}`,
    family: 'api',
    requirementIds: [`REQ-${id.toUpperCase()}-01`],
    setup: async (ctx) => {
      events.push(`${id} setup`);
      await behaviour.setup?.(ctx);
    },
    run: async (ctx) => {
      events.push(`${id} run`);
      if (behaviour.run) return behaviour.run(ctx);
      return { checks: [{ id, title: id, family: 'api', status: 'passed', requirementIds: [], criteria: [], evidence: [], durationMs: 1 }] };
    },
    teardown: async (ctx) => {
      events.push(`${id} teardown`);
      await behaviour.teardown?.(ctx);
    },
  };
}

const waitForAbort = (ctx: TaskContext) =>
  new Promise<never>((_, reject) => {
    if (ctx.signal.aborted) reject(ctx.signal.reason as Error);
    ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true });
  });

const base = { runId: 'r1', runDir: '/nonexistent', state: { target: undefined }, clock: manualClock(0), deadlineMs: 60_000 };

describe('task runner', () => {
  it('runs teardowns in reverse order after a failing task and skips the tasks after it', async () => {
    const events: string[] = [];
    const tasks = [
      recordingTask('a', events),
      recordingTask('b', events, { run: () => Promise.reject(new SignoffError('TARGET_UNREACHABLE', 'nobody home')) }),
      recordingTask('c', events),
    ];
    const outcome = await runTasks({ ...base, tasks });
    expect(events).toEqual(['a setup', 'a run', 'b setup', 'b run', 'b teardown', 'a teardown']);
    expect(outcome.checks.map((c) => [c.id, c.status])).toEqual([
      ['a', 'passed'],
      ['b', 'error'],
      ['c', 'skipped'],
    ]);
    expect(outcome.checks[2]!.requirementIds).toEqual(['REQ-C-01']);
    expect(outcome.runError).toMatchObject({ code: 'TARGET_UNREACHABLE', phase: 'b run' });
  });

  it('still tears down every started task when a teardown itself fails', async () => {
    const events: string[] = [];
    const tasks = [recordingTask('a', events), recordingTask('b', events, { teardown: () => Promise.reject(new Error('disk gone')) })];
    const outcome = await runTasks({ ...base, tasks });
    expect(events.slice(-2)).toEqual(['b teardown', 'a teardown']);
    expect(outcome.teardownErrors).toMatchObject([{ code: 'INTERNAL', message: 'disk gone', phase: 'b teardown' }]);
  });

  it('names the phase that was running when the deadline passed', async () => {
    const events: string[] = [];
    const tasks = [recordingTask('a', events), recordingTask('slow', events, { setup: waitForAbort }), recordingTask('c', events)];
    const outcome = await runTasks({ ...base, tasks, deadlineMs: 50 });
    expect(outcome.runError?.code).toBe('DEADLINE_EXCEEDED');
    expect(outcome.runError?.message).toContain('during slow setup');
    expect(outcome.runError?.phase).toBe('slow setup');
    expect(events).toContain('slow teardown');
    expect(events).not.toContain('c run');
  });

  it('aborts the running task on an external signal and reports INTERRUPTED with the phase', async () => {
    const events: string[] = [];
    const controller = new AbortController();
    const tasks = [recordingTask('load', events, { run: async (ctx) => { controller.abort(new SignoffError('INTERRUPTED', 'interrupted by SIGINT')); return waitForAbort(ctx); } })];
    const outcome = await runTasks({ ...base, tasks, signal: controller.signal });
    expect(outcome.runError).toMatchObject({ code: 'INTERRUPTED', message: 'interrupted by SIGINT during load run' });
    expect(outcome.checks[0]).toMatchObject({ id: 'load', status: 'error', error: { code: 'INTERRUPTED' } });
    expect(events).toEqual(['load setup', 'load run', 'load teardown']);
  });

  it('gives a task that ignores the abort only the grace period before its teardown', async () => {
    const events: string[] = [];
    const controller = new AbortController();
    const stubborn = recordingTask('stubborn', events, {
      run: async () => {
        controller.abort(new SignoffError('INTERRUPTED', 'stop'));
        await sleep(60_000, undefined, { ref: false });
        return { checks: [] };
      },
    });
    const outcome = await runTasks({ ...base, tasks: [stubborn], signal: controller.signal, graceMs: 20 });
    expect(outcome.runError?.code).toBe('INTERRUPTED');
    expect(events.at(-1)).toBe('stubborn teardown');
  });

  it('passes progress and log events through with the task id', async () => {
    const seen: string[] = [];
    const task = recordingTask('load', [], {
      run: async (ctx) => {
        ctx.progress({ scenario: 'webmail-user', elapsedS: 1, totalS: 30, vus: 10, rps: 20, p95: 300, errorRate: 0 });
        ctx.log('k6 started');
        return { checks: [], toolVersions: { k6: '2.2.0' } };
      },
    });
    const outcome = await runTasks({ ...base, tasks: [task], hooks: { onProgress: (p) => seen.push(`${p.taskId} ${p.vus}`), onLog: (e) => seen.push(`${e.taskId} ${e.message}`) } });
    expect(seen).toEqual(['load 10', 'load k6 started']);
    expect(outcome.toolVersions).toEqual({ k6: '2.2.0' });
  });
});
