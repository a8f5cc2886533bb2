import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerVerify, runVerify } from '../../src/cli/verify.ts';
import { DEMO_CA_FILE } from '../../src/sign/demo-key.ts';
import { copyRun, signedRun } from '../fixtures/reports/run-folder.ts';

let run: { dir: string; keyDir: string };
beforeAll(async () => {
  run = await signedRun();
});

function sink(): { text: string; write(s: string): void } {
  return {
    text: '',
    write(s: string) {
      this.text += s;
    },
  };
}

describe('signoff verify', () => {
  it('exits 0 for an untouched run folder and for its PDF with --ca', async () => {
    const out = sink();
    expect(await runVerify(run.dir, {}, out)).toBe(0);
    expect(out.text).toContain('VALID');
    expect(await runVerify(path.join(run.dir, 'protocol.pdf'), { ca: path.join(run.keyDir, DEMO_CA_FILE) }, sink())).toBe(0);
  });

  it('exits 1 naming the changed file', async () => {
    const dir = copyRun(run.dir);
    const file = path.join(dir, 'junit.xml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('testsuites', 'testsuitez'));
    const out = sink();
    expect(await runVerify(dir, {}, out)).toBe(1);
    expect(out.text).toContain('INVALID: changed: junit.xml');
  });

  it('exits 1 naming a missing file, in JSON too', async () => {
    const dir = copyRun(run.dir);
    rmSync(path.join(dir, 'report.json'));
    const out = sink();
    expect(await runVerify(dir, { json: true }, out)).toBe(1);
    expect(JSON.parse(out.text).problems).toContain('missing: report.json (listed in the signed manifest)');
  });

  it('is a usage error (exit 2) for a path that does not exist or an unreadable --ca', async () => {
    await expect(runVerify('/nonexistent/run', {}, sink())).rejects.toMatchObject({ code: 'USAGE', exitCode: 2 });
    await expect(runVerify(run.dir, { ca: '/nonexistent/ca.pem' }, sink())).rejects.toMatchObject({ code: 'USAGE', exitCode: 2 });
  });

  it('registers as a command that sets the exit code', async () => {
    const program = new Command('signoff').exitOverride();
    registerVerify(program);
    const dir = copyRun(run.dir);
    rmSync(path.join(dir, 'k6.log'));
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await program.parseAsync(['verify', dir], { from: 'user' });
    } finally {
      process.stdout.write = write;
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
  });

  it('refuses a run folder without protocol.pdf and a --ca that is not a PEM certificate, exit 2 naming the path', async () => {
    const dir = copyRun(run.dir);
    rmSync(path.join(dir, 'protocol.pdf'));
    await expect(runVerify(dir, {}, sink())).rejects.toMatchObject({ code: 'USAGE', exitCode: 2, message: expect.stringContaining('holds no protocol.pdf') });
    const notPem = path.join(dir, 'ca.txt');
    writeFileSync(notPem, 'not a certificate');
    await expect(runVerify(run.dir, { ca: notPem }, sink())).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('not a PEM certificate') });
  });

  it('calls a truncated protocol damaged, not merely unsigned', async () => {
    const dir = copyRun(run.dir);
    const file = path.join(dir, 'protocol.pdf');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const out = sink();
    expect(await runVerify(dir, {}, out)).toBe(1);
    expect(out.text).toMatch(/damaged|modified after signing/);
    expect(out.text).not.toContain('UNSIGNED');
  });
});
