/**
 * A sandbox whose processes were killed (a crashed run) is seen as stale and
 * replaced by the next up; a capability list given at up is advertised from
 * the first connection; the CLI maps errors to exit codes.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { afterAll, describe, expect, it } from 'vitest';
import { readSandbox, sandboxDown, sandboxStatus, sandboxUp } from '../../src/sandbox/sandbox.ts';
import { leftoverProcesses } from '../../src/sandbox/stop.ts';

const run = promisify(execFile);
const NAME = 'trestart';

afterAll(async () => {
  await sandboxDown(NAME).catch(() => undefined);
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--disable-warning=ExperimentalWarning', 'test/sandbox/support/sandbox-cli.ts', 'sandbox', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sandbox restart and start options', () => {
  it('advertises a capability list given at up, and detects and replaces a killed (stale) sandbox', async () => {
    const first = await sandboxUp({ name: NAME, nodes: 1, imapCapability: 'IMAP4rev1 IDLE' });
    const client = new ImapFlow({
      host: first.imap.host,
      port: first.imap.port,
      secure: false,
      doSTARTTLS: true,
      tls: { ca: readFileSync(first.caFile) },
      auth: { user: 'anna.adler', pass: 'Sandbox-01-pw!' },
      logger: false,
    });
    await client.connect();
    const caps = [...client.capabilities.keys()];
    await client.logout();
    expect(caps).toContain('IDLE');
    expect(caps).not.toContain('QUOTA');

    // Simulate a crashed run: every recorded process killed, the folder left behind.
    for (const pid of Object.values(first.pids)) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const status = (await sandboxStatus()).find((s) => s.info.name === NAME);
    expect(status?.stale).toBe(true);

    const second = await sandboxUp({ name: NAME, nodes: 1 });
    expect(second.pids.slapd).not.toBe(first.pids.slapd);
    expect((await sandboxStatus()).find((s) => s.info.name === NAME)?.stale).toBe(false);
    expect((await readSandbox(NAME)).imapCapability).toBeUndefined();
    await sandboxDown(NAME);
    expect(leftoverProcesses(second)).toEqual([]);
  });

  it('exits 2 with a clear message for down of an unknown sandbox and for an unknown fault', async () => {
    const down = await cli(['down', '--name', 'trestart-none']);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('SANDBOX_UNKNOWN: no sandbox named "trestart-none"');
    const fault = await cli(['fault', 'explode', '--name', 'trestart-none']);
    expect(fault.code).toBe(2);
    expect(fault.stderr).toContain('unknown fault "explode"');
  });

  it('exits 0 and prints the status table or JSON', async () => {
    const status = await cli(['status', '--json']);
    expect(status.code).toBe(0);
    expect(Array.isArray(JSON.parse(status.stdout))).toBe(true);
  });
});
