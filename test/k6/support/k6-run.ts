/**
 * Test support: run a compiled scenario with the real k6 against a running
 * sandbox and read back its `--out json` samples.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadAccounts } from '../../../src/config/accounts.ts';

const run = promisify(execFile);

export interface K6Point {
  metric: string;
  value: number;
  tags: Record<string, string>;
}

/** The account pool file a compiled scenario reads (mode 0600: it holds passwords). */
export async function writeAccountsJson(csvFile: string, dir: string): Promise<string> {
  const { accounts } = await loadAccounts(csvFile, { strict: true });
  const file = join(dir, 'accounts.json');
  const pool = accounts.map((a) => ({ login: a.login, password: a.password ?? '', email: a.email }));
  await writeFile(file, JSON.stringify(pool), { mode: 0o600 });
  return file;
}

export interface K6RunInput {
  k6: string;
  script: string;
  baseUrl: string;
  accountsFile: string;
  outFile: string;
  thinkTimeSeconds?: number;
  extraArgs?: string[];
}

export interface K6RunResult {
  exitCode: number;
  stderr: string;
  points: K6Point[];
}

export async function runK6(input: K6RunInput): Promise<K6RunResult> {
  const args = ['run', '--quiet', '--no-color', '--summary-mode=disabled', '--out', `json=${input.outFile}`, ...(input.extraArgs ?? []), input.script];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    SIGNOFF_BASE_URL: input.baseUrl,
    SIGNOFF_ACCOUNTS_FILE: input.accountsFile,
    SIGNOFF_THINK_TIME: String(input.thinkTimeSeconds ?? 0.1),
    K6_AUTO_EXTENSION_RESOLUTION: 'false',
  };
  let exitCode = 0;
  let stderr: string;
  try {
    ({ stderr } = await run(input.k6, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }));
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    exitCode = typeof e.code === 'number' ? e.code : -1;
    stderr = e.stderr ?? String(error);
  }
  return { exitCode, stderr, points: await readPoints(input.outFile) };
}

export async function readPoints(file: string): Promise<K6Point[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const points: K6Point[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"metric"') && !line.includes('"type":"Point"')) continue;
    const sample = JSON.parse(line) as { type: string; metric: string; data: { value: number; tags?: Record<string, string> | null } };
    if (sample.type === 'Point') points.push({ metric: sample.metric, value: sample.data.value, tags: sample.data.tags ?? {} });
  }
  return points;
}

export function pointsOf(points: K6Point[], metric: string, tags: Record<string, string> = {}): K6Point[] {
  return points.filter((p) => p.metric === metric && Object.entries(tags).every(([k, v]) => p.tags[k] === v));
}
