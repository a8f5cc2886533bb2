/**
 * The built-in target: `--target sandbox` starts one for this run in setup
 * and stops it in teardown (after every other task's teardown, since it is
 * the first task); `--target sandbox:<name>` uses a running one as it is.
 * The sandbox is a separate program: the CLI hands its lifecycle in, the
 * runner only knows the SandboxInfo contract.
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
    // StartTLS on the plain port; users live in one OU per context, which bindOnly needs spelt out.
    ldap: { url: info.ldap.url, startTls: true, baseDn: info.ldap.peopleDn, contextBaseDn: `ou=ctx{context},${info.ldap.peopleDn}`, uidAttribute: 'uid' },
    // The sandbox's CSV carries its own (throw-away) passwords.
    accounts: { file: info.accountsFile },
  };
}

/**
 * The brand folder a sandbox serves, by the RunTarget made from it: the GUI
 * task's default expectation. (RunTarget has no brand field yet; see the
 * proposal to add `brandDir` to it in src/runner/task.ts.)
 */
const brandDirs = new WeakMap<RunTarget, string>();

export function brandDirOf(target: RunTarget): string | undefined {
  return brandDirs.get(target);
}

function rememberBrand(target: RunTarget, info: SandboxInfo): RunTarget {
  brandDirs.set(target, info.brandDir);
  return target;
}

/** A short, unique name per run: sandbox names are limited to 24 characters. */
export function runSandboxName(runId: string): string {
  return `run-${runId.slice(-6)}`;
}

/** Start, find and stop sandboxes; given by the CLI (src/sandbox/sandbox.ts). */
export interface SandboxLifecycle {
  up(name: string): Promise<SandboxInfo>;
  read(name: string | undefined): Promise<SandboxInfo>;
  down(name: string): Promise<void>;
}

export function sandboxTask(spec: SandboxTaskSpec, targetName: string, sandbox: SandboxLifecycle): Task {
  let started: string | undefined;
  return {
    id: spec.id,
    title: spec.title,
    family: 'setup',
    requirementIds: [],
    async setup(ctx: TaskContext) {
      if (spec.start) {
        const name = runSandboxName(ctx.runId);
        ctx.log(`starting sandbox "${name}"`);
        started = name;
        const info = await sandbox.up(name);
        ctx.state.target = rememberBrand(sandboxTarget(targetName, info), info);
        ctx.log(`sandbox "${name}" is up at ${info.balancerUrl}`);
      } else {
        const info = await sandbox.read(spec.sandboxName);
        ctx.state.target = rememberBrand(sandboxTarget(targetName, info), info);
      }
    },
    async run() {
      return { checks: [] };
    },
    async teardown(ctx: TaskContext) {
      if (!started) return;
      ctx.log(`stopping sandbox "${started}"`);
      // A start that failed early leaves nothing to stop.
      await sandbox.down(started).catch((error: unknown) => {
        if (!(isSignoffError(error) && error.code === 'SANDBOX_UNKNOWN')) throw error;
      });
    },
  };
}
