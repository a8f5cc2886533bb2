import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityReport } from '../../src/cli/capacity.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import { reportProblems } from '../../src/model/schema.ts';
import { renderProtocolHtml } from '../../reporters/protocol/index.ts';
import { tempProject } from '../config/temp-project.ts';
import { protocolOptions } from '../fixtures/reports/options.ts';
import { extendedReport } from '../model/extended-report.ts';

const CONFIG = `export default { targets: { local: { baseUrl: 'http://127.0.0.1:9', allowLoad: true, accounts: { file: 'accounts.csv', passwordEnv: 'NOPE' } } }, defaultTarget: 'local' };\n`;
const SUITE = `export default { name: 'cap', title: 'Capacity', requirements: ['REQ-LOAD-01'],
  load: [{ id: 'webmail', scenario: 'webmail-user', profile: { kind: 'load', vus: 2, duration: '5s' }, slos: ['* p95 < 500ms'], requirementIds: ['REQ-LOAD-01'] }] };\n`;

describe('capacity search as a run report', () => {
  it('is a schema-valid RunReport carrying the capacity, whose protocol shows the capacity curve', async () => {
    const dir = tempProject({ 'signoff.config.ts': CONFIG, 'suites/cap.ts': SUITE });
    const plan = await resolveConfig({ configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/cap.ts') });
    const result = extendedReport().capacity!;
    const report = capacityReport({ runId: '20250301-143000-cafe01', plan, target: { baseUrl: 'http://127.0.0.1:9', accountsFile: '/tmp/none.json' }, result, artifacts: [], environment: { os: 'test-os', node: 'v24.0.0', cpus: 2, memoryMb: 4096 } });
    expect(reportProblems(report)).toEqual([]);
    expect(report.capacity).toBe(result);
    expect(report.checks).toEqual([expect.objectContaining({ id: 'load.capacity.webmail-user', status: 'passed', requirementIds: ['REQ-LOAD-01'] })]);
    const html = renderProtocolHtml(report, protocolOptions());
    expect(html).toContain('Capacity: p95 latency by concurrent sessions');
    expect(html).toContain('knee 24');
  });
});
