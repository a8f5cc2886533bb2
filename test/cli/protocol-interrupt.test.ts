import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markProtocolInterrupted } from '../../src/cli/protocol.ts';
import { SignoffError } from '../../src/errors.ts';
import { renderProtocolForRun } from '../../src/report/render-run.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';
import { writeRunFolder } from '../fixtures/reports/synthetic.ts';

describe('an interrupt during the protocol step', () => {
  it('closes Chromium, throws INTERRUPTED and leaves no protocol file behind', async () => {
    const dir = tempDir('interrupt');
    await writeRunFolder(dir);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await expect(renderProtocolForRun(dir, { requirementsFile: 'fixtures/requirements.csv', signing: { kind: 'demo', keyDir: tempDir('keys') }, signal: controller.signal })).rejects.toMatchObject({
      code: 'INTERRUPTED',
    });
    for (const file of ['protocol.html', 'protocol.pdf', 'manifest.json', 'summary.md']) expect(existsSync(path.join(dir, file)), file).toBe(false);
  });

  it('marks the finished run interrupted in report.json and renders junit.xml from that report', async () => {
    const dir = tempDir('interrupt');
    const before = await writeRunFolder(dir);
    expect(before.run.status).not.toBe('interrupted');
    const report = await markProtocolInterrupted(dir, new SignoffError('INTERRUPTED', 'interrupted while the protocol PDF was rendered'));
    expect(report.run).toMatchObject({ status: 'interrupted', error: { code: 'INTERRUPTED', phase: 'protocol' } });
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({ run: { status: 'interrupted' } });
    expect(readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain(`<testsuites name="${report.run.suite}"`);
  });
});
