/**
 * `signoff sandbox up|down|status|fault`: the embedded OX deployment on
 * 127.0.0.1. A thin layer over src/sandbox/sandbox.ts; errors are SignoffErrors
 * with their exit codes. Secrets are never printed, only where they are.
 */
import { InvalidArgumentError, type Command } from 'commander';
import pc from 'picocolors';
import { sandboxName } from './flag-values.ts';
import { SignoffError } from '../errors.ts';
import { applyFault, clearFaults, sandboxDown, sandboxStatus, sandboxUp, type SandboxStatus } from '../sandbox/sandbox.ts';
import type { FaultSpec, SandboxInfo, SupervisorFault } from '../sandbox/types.ts';

const out = (text: string): void => void process.stdout.write(`${text}\n`);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}

function nonNegativeNumber(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new SignoffError('USAGE', `${what}: expected a number ≥ 0, got "${value}"`);
  return n;
}

export function renderInfo(info: SandboxInfo): string {
  const rows: [string, string][] = [
    ['balancer', `${info.balancerUrl}${info.apiPath}  (https: ${info.balancerHttpsUrl})`],
    ...info.nodes.map((n): [string, string] => [`node ${n.route}`, n.url]),
    ['imap', `${info.imap.host}:${info.imap.port} (STARTTLS), ${info.imap.host}:${info.imap.tlsPort} (IMAPS)`],
    ['lmtp', `${info.lmtp.host}:${info.lmtp.port}`],
    ['ldap', `${info.ldap.url} (StartTLS), ${info.ldap.tlsUrl}; people ${info.ldap.peopleDn}`],
    ['ca file', info.caFile],
    ['credentials', `${info.credentialsFile} (LDAP admin ${info.ldap.adminDn}, node admin token)`],
    ['accounts', `${info.accountCount} from ${info.accountsFile} (login user@context, passwords in that CSV)`],
  ];
  if (info.imapCapability) rows.push(['imap capability', info.imapCapability]);
  if (info.faults.length > 0) rows.push(['faults', info.faults.map(describeFault).join('; ')]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${pc.dim(k.padEnd(width))}  ${v}`).join('\n');
}

function describeFault(fault: SupervisorFault): string {
  switch (fault.kind) {
    case 'node-down':
    case 'node-up':
      return `${fault.kind} ${fault.route}`;
    case 'imap-capabilities':
      return `imap-capabilities "${fault.capability}"`;
    case 'node':
      return `${fault.fault.kind}${fault.route ? ` on ${fault.route}` : ''} ${JSON.stringify(fault.fault)}`;
    default:
      return fault.kind;
  }
}

function renderStatus(list: SandboxStatus[]): string {
  if (list.length === 0) return 'no sandboxes';
  return list
    .map(({ info, alive, stale }) => {
      const state = stale ? pc.yellow('stale') : info.state === 'ready' ? pc.green('running') : info.state;
      const procs = Object.entries(alive).map(([k, up]) => `${k}${up ? '' : pc.red('(dead)')}`).join(' ');
      return `${pc.bold(info.name)}  ${state}  ${info.balancerUrl || '-'}  ${procs}  ${pc.dim(info.dir)}`;
    })
    .join('\n');
}

interface FaultOptions {
  name: string;
  module?: string;
  action?: string;
  as?: string;
  route?: string;
  rate?: string;
  maxRate?: string;
  window?: string;
}

function wholeNumber(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SignoffError('USAGE', `${what}: expected a whole number ≥ 1, got "${value}"`);
  return n;
}

function rateOf(value: string, what: string): number {
  const rate = nonNegativeNumber(value, what);
  if (rate > 1) throw new SignoffError('USAGE', `${what}: expected a rate from 0 to 1, got ${rate}`);
  return rate;
}

const FAULT_KINDS =
  'latency, errors, warnings, rate-limit, client-ip-changes, autologin, login-broken, node-down, node-up, stickiness-broken, imap-capabilities, ldap-down, ldap-up, clear';

/** Turns `fault <kind> [args]` into the fault to apply (or 'clear'). */
export function parseFault(kind: string, args: string[], options: FaultOptions): SupervisorFault | 'clear' {
  const arg = args[0];
  const need = (what: string): string => {
    if (arg === undefined || arg === '') throw new SignoffError('USAGE', `sandbox fault ${kind}: missing ${what}`);
    return arg;
  };
  const scope = { ...(options.module ? { module: options.module } : {}), ...(options.action ? { action: options.action } : {}) };
  const onNode = (fault: FaultSpec): SupervisorFault => ({ kind: 'node', ...(options.route ? { route: options.route } : {}), fault });
  switch (kind) {
    case 'clear':
      return 'clear';
    case 'latency':
      return onNode({ kind: 'latency', ms: nonNegativeNumber(need('<ms>'), 'latency'), ...scope });
    case 'warnings':
      return onNode({ kind: 'warnings', rate: rateOf(options.rate ?? arg ?? '1', 'warnings --rate'), ...scope });
    case 'rate-limit':
      return onNode({
        kind: 'rate-limit',
        ...(options.maxRate === undefined ? {} : { maxRate: wholeNumber(options.maxRate, 'rate-limit --max-rate') }),
        ...(options.window === undefined ? {} : { windowMs: wholeNumber(options.window, 'rate-limit --window') }),
      });
    case 'client-ip-changes':
      return onNode({ kind: 'client-ip-changes' });
    case 'autologin': {
      const value = need('on|off');
      if (value !== 'on' && value !== 'off') throw new SignoffError('USAGE', `sandbox fault autologin: expected on or off, got "${value}"`);
      return onNode({ kind: 'autologin', enabled: value === 'on' });
    }
    case 'errors': {
      const rate = rateOf(need('<rate>'), 'errors');
      const as = options.as ?? 'http503';
      if (as !== 'http503' && as !== 'envelope') throw new SignoffError('USAGE', `errors --as: expected http503 or envelope, got "${as}"`);
      return onNode({ kind: 'errors', rate, as, ...scope });
    }
    case 'login-broken':
      return onNode({ kind: 'login-broken' });
    case 'node-down':
    case 'node-up':
      return { kind, route: need('<route> (e.g. OX1)') };
    case 'stickiness-broken':
    case 'ldap-down':
    case 'ldap-up':
      return { kind };
    case 'imap-capabilities':
      return { kind, capability: need('"<capability list>" (e.g. "IMAP4rev1 IDLE")') };
    default:
      throw new SignoffError(
        'USAGE',
        `unknown fault "${kind}"; expected one of ${FAULT_KINDS}`,
      );
  }
}

export function registerSandbox(program: Command): void {
  const sandbox = program.command('sandbox').description('the embedded OX deployment on 127.0.0.1 (LDAP, Dovecot, App Suite nodes, Apache balancer)');

  sandbox
    .command('up')
    .description('start a sandbox and wait until every service answers')
    .option('--name <name>', 'sandbox name', sandboxName, 'default')
    .option('--nodes <n>', 'number of App Suite nodes', positiveInt, 2)
    .option('--accounts <file>', 'accounts CSV (OX createuser format; default fixtures/accounts.csv)')
    .option('--brand <dir>', 'brand folder (default fixtures/brand/acme)')
    .option('--imap-capability <list>', 'advertise only this IMAP capability list (simulates another mail server)')
    .option('--json', 'print the SandboxInfo as JSON')
    .action(async (o: { name: string; nodes: number; accounts?: string; brand?: string; imapCapability?: string; json?: boolean }) => {
      const info = await sandboxUp({
        name: o.name,
        nodes: o.nodes,
        ...(o.accounts ? { accountsFile: o.accounts } : {}),
        ...(o.brand ? { brandDir: o.brand } : {}),
        ...(o.imapCapability ? { imapCapability: o.imapCapability } : {}),
      });
      if (o.json) return out(JSON.stringify(info, null, 2));
      out(`${pc.green('sandbox')} ${pc.bold(info.name)} is up in ${((info.timings.upMs ?? 0) / 1000).toFixed(2)} s`);
      out(renderInfo(info));
      out(pc.dim(`stop it with: signoff sandbox down --name ${info.name}`));
    });

  sandbox
    .command('status')
    .description('list sandboxes and whether their processes run')
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await sandboxStatus();
      out(o.json ? JSON.stringify(list, null, 2) : renderStatus(list));
    });

  sandbox
    .command('down')
    .description('stop a sandbox (only its own processes) and remove its folder')
    .option('--name <name>', 'sandbox name', sandboxName, 'default')
    .action(async (o: { name: string }) => {
      await sandboxDown(o.name);
      out(`sandbox ${o.name} stopped`);
    });

  sandbox
    .command('fault')
    .description(
      'inject a fault: latency <ms>, errors <rate>, warnings [--rate r] (success answers carry an OX warning), ' +
        'rate-limit [--max-rate N] [--window ms] (OX\'s limiter at its defaults, generator no longer exempt), ' +
        'client-ip-changes (every request from another client address: SES-0205), autologin on|off, login-broken, ' +
        'node-down <route>, node-up <route>, stickiness-broken, imap-capabilities "<list>", ldap-down, ldap-up, clear',
    )
    .argument('<kind>', 'fault kind, or "clear" to undo every active fault')
    .argument('[args...]', 'the fault argument (ms, rate, route, on|off, capability list)')
    .option('--name <name>', 'sandbox name', sandboxName, 'default')
    .option('--route <route>', 'only this node (node faults); default all nodes')
    .option('--module <module>', 'only this API module (latency, errors, warnings)')
    .option('--action <action>', 'only this API action (latency, errors, warnings)')
    .option('--as <form>', 'errors as http503 or envelope', 'http503')
    .option('--rate <r>', 'warnings: share of successful answers that carry one (0..1, default 1)')
    .option('--max-rate <n>', 'rate-limit: requests per window per {address, User-Agent} (OX default 1500)')
    .option('--window <ms>', 'rate-limit: the window in ms (OX default 300000)')
    .action(async (kind: string, args: string[], o: FaultOptions) => {
      const fault = parseFault(kind, args, o);
      if (fault === 'clear') {
        await clearFaults(o.name);
        return out(`sandbox ${o.name}: all faults cleared`);
      }
      await applyFault(o.name, fault);
      out(`sandbox ${o.name}: ${describeFault(fault)} applied`);
    });
}
