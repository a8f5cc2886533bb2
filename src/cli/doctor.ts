/** `signoff doctor`: is every external tool here, at the right version, and what fixes it if not. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import pc from 'picocolors';
import { EXIT } from '../errors.ts';
import { checkTools, type ToolReport } from '../tools/check.ts';
import { checkSandboxUser, type SandboxUserReport } from '../tools/sandboxUser.ts';

export interface DoctorResult {
  ok: boolean;
  tools: ToolReport[];
  sandboxUser: SandboxUserReport;
}

export async function diagnose(): Promise<DoctorResult> {
  const [tools, sandboxUser] = await Promise.all([checkTools(), checkSandboxUser()]);
  const ok = tools.every((t) => !t.needed || t.status === 'ok') && sandboxUser.status !== 'missing';
  return { ok, tools, sandboxUser };
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check every external tool signoff uses (version, location) and print the command that fixes it')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await diagnose();
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderDoctor(result));
      process.exitCode = result.ok ? EXIT.ok : EXIT.infrastructure;
    });
}

const STATUS_TEXT: Record<ToolReport['status'], string> = { ok: 'OK', missing: 'missing', 'wrong-version': 'wrong version' };

export function renderDoctor(result: DoctorResult): string {
  const table = new Table({
    head: ['tool', 'version', 'required', 'status', 'fix'].map((h) => pc.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  for (const t of result.tools) table.push([t.name, t.version ?? '-', t.required ?? '-', statusText(t), t.fix ?? '']);
  const problems = result.tools.filter((t) => t.detail).map((t) => `  ${t.name}: ${t.detail}`);
  const user = result.sandboxUser;
  const userLine =
    user.status === 'ok'
      ? `sandbox user: ${user.name} (uid ${user.uid}) ${pc.green('OK')}`
      : user.status === 'not-needed'
        ? `sandbox user: ${user.name} not present; not needed (not running as root, daemons run as you)`
        : `sandbox user: ${user.name} ${pc.red('missing')} (needed as root: Dovecot refuses root) — fix: ${user.fix}`;
  const node = result.tools.find((t) => t.name === 'node');
  return [
    table.toString(),
    ...(problems.length > 0 ? ['problems:', ...problems] : []),
    `node: ${node?.version ?? '?'} at ${node?.path ?? '?'}`,
    userLine,
    result.ok ? pc.green('all required tools are present') : pc.red('some required tools are missing or wrong; run the fix commands above'),
    '',
  ].join('\n');
}

function statusText(t: ToolReport): string {
  const text = STATUS_TEXT[t.status] + (t.needed ? '' : ' (optional)');
  if (t.status === 'ok') return pc.green(text);
  return t.needed ? pc.red(text) : pc.yellow(text);
}
