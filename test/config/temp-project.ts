/** Writes a throw-away project (config, suites, scenarios, requirements) for config and CLI tests. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REQUIREMENTS_CSV = `id,requirement,responsible,due,verification
REQ-LOAD-01,Peak load with p95 < 1 s,provider,2025-05-30,signoff load run
REQ-API-01,The API answers,provider,2025-05-30,custom check
`;

export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'signoff-test-'));
  const all: Record<string, string> = { 'scenarios/webmail-user.ts': 'export default function () {}\n', 'fixtures/requirements.csv': REQUIREMENTS_CSV, ...files };
  for (const [name, content] of Object.entries(all)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export const LOAD_ITEM = `{ id: 'webmail', scenario: 'webmail-user', profile: { kind: 'load', vus: 20, duration: '1m' }, profiles: { sandbox: { kind: 'load', vus: 10, duration: '30s' }, smoke: { kind: 'smoke', vus: 1, duration: '10s' } }, slos: ['mail.all p95 < 500ms', '* errorRate < 1%'], requirementIds: ['REQ-LOAD-01'] }`;

export const STAGING_TARGET = `{ baseUrl: 'https://ox.example.com', allowLoad: true, accounts: { file: 'accounts.csv', passwordEnv: 'ACME_PASSWORD' } }`;
