/**
 * The built-in target: `--target sandbox` starts one for this run in setup
 * and stops it in teardown (after every other task's teardown, since it is
 * the first task); `--target sandbox:<name>` uses a running one as it is.
 */
import type { SandboxTaskSpec } from '../../config/plan.ts';
import { isSignoffError } from '../../errors.ts';
import type { SandboxInfo } from '../../sandbox/types.ts';
import type { RunTarget, Task, TaskContext } from '../task.ts';

export function sandboxTarget(name: string, info: SandboxInfo): RunTarget {
  return {
    name,
    kind: 'sandbox',
    baseUrl: info.balancerUrl,
    apiPath: info.apiPath,
    uiPath: info.uiPath,
    caFile: info.caFile,
    allowLoad: true,
    nodes: info.nodes.map((n) => ({ route: n.route, url: n.url })),
    imap: { host: info.imap.host, port: info.imap.port, tls: 'starttls' },
    ldap: { url: info.ldap.url, baseDn: info.ldap.baseDn },
    // The sandbox's CSV carries its own (throw-away) passwords.
    accounts: { file: info.accountsFile },
  };
}

/** A short, unique name per run: sandbox names are limited to 24 characters. */
export function runSandboxName(runId: string): string {
  return `run-${runId.slice(-6)}`;
}

export function sandboxTask(spec: SandboxTaskSpec, targetName: string): Task {
  let started: string | undefined;
  return {
    id: spec.id,
    title: spec.title,
    family: 'setup',
    requirementIds: [],
    async setup(ctx: TaskContext) {
      const sandbox = await import('../../sandbox/sandbox.ts');
      if (spec.start) {
        const name = runSandboxName(ctx.runId);
        ctx.log(`starting sandbox "${name}"`);
        started = name;
        const info = await sandbox.sandboxUp({ name });
        ctx.state.target = sandboxTarget(targetName, info);
        ctx.log(`sandbox "${name}" is up at ${info.balancerUrl}`);
      } else {
        const info = await sandbox.readSandbox(spec.sandboxName);
        ctx.state.target = sandboxTarget(targetName, info);
      }
    },
    async run() {
      return { checks: [] };
    },
    async teardown(ctx: TaskContext) {
      if (!started) return;
      const sandbox = await import('../../sandbox/sandbox.ts');
      ctx.log(`stopping sandbox "${started}"`);
      // A start that failed early leaves nothing to stop.
      await sandbox.sandboxDown(started).catch((error: unknown) => {
        if (!(isSignoffError(error) && error.code === 'SANDBOX_UNKNOWN')) throw error;
      });
    },
  };
}
