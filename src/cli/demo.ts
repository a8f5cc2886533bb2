/**
 * `signoff demo`: the main job on the embedded sandbox, end to end on a fresh
 * machine — start a sandbox, a scripted smoke through the balancer, the
 * approval suite (every check family and real k6 load, short sandbox profile),
 * the signed protocol checked with `verify`, and the sandbox stopped again
 * whatever happened.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { outputFolder, sandboxName } from './flag-values.ts';
import pc from 'picocolors';
import { loadAccounts } from '../config/accounts.ts';
import { displayPath } from '../config/module-loader.ts';
import { EXIT } from '../errors.ts';
import { OxClient } from '../probes/api/ox-client.ts';
import { sandboxDown, sandboxUp } from '../sandbox/sandbox.ts';
import type { SandboxInfo } from '../sandbox/types.ts';
import { DEFAULT_REPORTERS, runCommand } from './run.ts';
import { runVerify } from './verify.ts';

interface DemoOptions {
  name: string;
  suite: string;
  out: string;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start a sandbox, run a smoke and the approval suite against it, verify the signed protocol, stop the sandbox')
    .option('--name <name>', 'sandbox name', sandboxName, 'demo')
    .option('--suite <file>', 'suite to run against the sandbox', 'suites/approval.ts')
    .option('-o, --out <dir>', 'parent folder of the run folders', outputFolder, 'runs')
    .action(async (options: DemoOptions) => {
      process.exitCode = await demo(options);
    });
}

async function demo(options: DemoOptions): Promise<number> {
  const info = await sandboxUp({ name: options.name });
  try {
    log(`sandbox ${info.name} is up: ${info.balancerUrl} (nodes ${info.nodes.map((n) => n.route).join(', ')})`);
    await smoke(info);
    log(`running ${options.suite} against the sandbox`);
    const { exitCode, protocolFile: pdf } = await runCommand(options.suite, { target: `sandbox:${info.name}`, reporter: DEFAULT_REPORTERS, out: options.out });
    if (!pdf) return exitCode;
    log('verifying the signed protocol and every file of the run');
    const verified = await runVerify(pdf, {});
    log(`protocol: ${pc.bold(displayPath(path.resolve(pdf)))}`);
    return exitCode === EXIT.ok ? verified : exitCode;
  } finally {
    await sandboxDown(info.name);
    log(`sandbox ${info.name} stopped`);
  }
}

/** Logs in through the balancer as the first two accounts and lists each INBOX. */
async function smoke(info: SandboxInfo): Promise<void> {
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  for (const account of accounts.slice(0, 2)) {
    const client = new OxClient({ baseUrl: info.balancerUrl, apiPath: info.apiPath });
    await client.login(account.login, account.password ?? '');
    const inbox = (await client.call('mail', 'all', { folder: 'default0/INBOX', columns: '600,607,610', sort: '610', order: 'desc' })) as unknown[][];
    log(`smoke: ${account.login} logged in on ${await client.route()}, INBOX has ${inbox.length} messages, newest: "${String(inbox[0]?.[1] ?? '')}"`);
    await client.logout();
  }
}

function log(line: string): void {
  process.stdout.write(`${pc.cyan('demo')} ${line}\n`);
}
