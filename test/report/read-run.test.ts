import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProtocolForRun } from '../../src/report/render-run.ts';
import { readRunReport } from '../../src/report/read-run.ts';
import { tempDir } from '../fixtures/reports/run-folder.ts';
import { writeRunFolder } from '../fixtures/reports/synthetic.ts';

describe('reading a run folder back', () => {
  it('rejects corrupt report.json with REPORT_INVALID and where the JSON breaks', async () => {
    const dir = tempDir('corrupt');
    await writeRunFolder(dir);
    const file = path.join(dir, 'report.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    await expect(readRunReport(dir)).rejects.toMatchObject({ code: 'REPORT_INVALID', message: expect.stringMatching(/report\.json: not valid JSON: .*(position|line)/) });
  });

  it('rejects a schema-invalid report.json naming the JSON path', async () => {
    const dir = tempDir('invalid');
    const report = await writeRunFolder(dir);
    const broken = structuredClone(report) as unknown as { checks: { status: string }[]; load: { actions: { latency: { p95: unknown } }[] }[] };
    broken.checks[3]!.status = 'green';
    broken.load[0]!.actions[1]!.latency.p95 = 'fast';
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify(broken));
    const error = await renderProtocolForRun(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REPORT_INVALID' });
    expect((error as Error).message).toContain('/checks/3/status: must be one of');
    expect((error as Error).message).toContain('/load/0/actions/1/latency/p95: must be number');
  });

  it('rejects a requirements catalogue with a bad row, naming file and line', async () => {
    const dir = tempDir('badcsv');
    await writeRunFolder(dir);
    const csv = path.join(dir, '..', `${path.basename(dir)}-requirements.csv`);
    writeFileSync(csv, 'id,requirement,responsible,due,verification\nREQ-A-01,Works,provider,2025-05-01,probe\nREQ-A-02,Also works,nobody,2025-13-01,probe\n');
    const error = await renderProtocolForRun(dir, { requirementsFile: csv }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toMatch(/requirements\.csv:3: responsible/);
    expect((error as Error).message).toMatch(/requirements\.csv:3: due/);
  });

  it('renders an empty run into a protocol that says nothing was verified', async () => {
    const { emptyReport } = await import('../fixtures/reports/synthetic.ts');
    const dir = tempDir('empty');
    await writeRunFolder(dir, emptyReport());
    const result = await renderProtocolForRun(dir);
    expect(result.signature).toBe('unsigned');
    expect(readFileSync(path.join(dir, 'protocol.html'), 'utf8')).toContain('nothing was verified');
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('nothing was verified');
  });
});
