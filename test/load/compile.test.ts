import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlo } from '../../src/config/load.ts';
import type { LoadProfile, Slo } from '../../src/config/load.ts';
import { SignoffError } from '../../src/errors.ts';
import { availableScenarios, compileScenario } from '../../src/load/compile.ts';
import { resolveK6 } from '../../src/tools/k6.ts';

const run = promisify(execFile);

const SCENARIOS = ['login-logout', 'webmail-user', 'groupware-user', 'drive-user', 'mixed-day'];
const NAMED_PROFILES: LoadProfile[] = (['smoke', 'load', 'stress', 'soak', 'spike'] as const).map((kind) => ({ kind, vus: 20, duration: '2m' }));
const PASSWORD = 'Very-Secret-pw-4711!';

function slo(sentence: string): Slo {
  const parsed = parseSlo(sentence);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.slo;
}

const SLOS = [slo('mail.all p95 < 500ms'), slo('login p99 <= 2s'), slo('* errorRate < 1%'), slo('* sessionLost == 0'), slo('mail.all throughput >= 5req/s')];

let dir: string;
let accountsFile: string;
let k6: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signoff-compile-'));
  accountsFile = join(dir, 'accounts.json');
  await writeFile(accountsFile, JSON.stringify([{ login: 'anna.adler@1', password: PASSWORD, email: 'anna.adler@acme.example.test' }]), { mode: 0o600 });
  k6 = (await resolveK6()).path;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What k6 itself makes of the script's options (it runs the init context for that). */
async function k6Inspect(script: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(k6, ['inspect', '-e', 'SIGNOFF_BASE_URL=http://127.0.0.1:9', '-e', `SIGNOFF_ACCOUNTS_FILE=${accountsFile}`, script]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('compileScenario', () => {
  it('finds the five shipped scenarios', () => {
    expect(availableScenarios()).toEqual(expect.arrayContaining(SCENARIOS));
  });

  for (const scenario of SCENARIOS) {
    it(`compiles ${scenario} with every named profile into a script k6 accepts`, async () => {
      for (const profile of NAMED_PROFILES) {
        const out = join(dir, scenario, profile.kind);
        const compiled = await compileScenario({ scenarioFile: scenario, profileName: profile.kind, profile, slos: SLOS, outDir: out });
        expect(compiled.scenario).toBe(scenario);
        const inspected = await k6Inspect(compiled.scriptPath);
        const k6Scenario = (inspected.scenarios as Record<string, Record<string, unknown>>)[scenario];
        expect(k6Scenario?.executor).toBe(profile.kind === 'smoke' ? 'constant-vus' : 'ramping-vus');
        expect(inspected.noCookiesReset).toBe(true);
        expect(inspected.summaryTrendStats).toContain('p(99)');
        // k6 itself keeps the status tag: HTTP 429 samples are told apart by it and left out of latency.
        expect(inspected.systemTags).toEqual(expect.arrayContaining(['status', 'name']));
      }
    });
  }

  it('turns SLOs into thresholds on the metrics the OX client emits', async () => {
    const compiled = await compileScenario({ scenarioFile: 'webmail-user', profileName: 'load', profile: { kind: 'load', vus: 10, duration: '10m' }, slos: SLOS, outDir: join(dir, 'thresholds') });
    const inspected = await k6Inspect(compiled.scriptPath);
    expect(inspected.thresholds).toEqual({
      'http_req_duration{name:mail.all}': ['p(95)<500'],
      'http_req_duration{name:login}': ['p(99)<=2000'],
      ox_failed: ['rate<0.01'],
      ox_session_lost: ['count==0'],
      'http_reqs{name:mail.all}': ['rate>=5'],
    });
  });

  it('shapes the load profile as ramp up, hold, ramp down over the whole duration', async () => {
    const compiled = await compileScenario({ scenarioFile: 'login-logout', profileName: 'load', profile: { kind: 'load', vus: 50, duration: '10m' }, slos: [], outDir: join(dir, 'shape') });
    const stages = (compiled.options.scenarios as Record<string, { stages: { duration: string; target: number }[] }>)['login-logout']?.stages;
    expect(stages).toEqual([
      { duration: '60s', target: 50 },
      { duration: '480s', target: 50 },
      { duration: '60s', target: 0 },
    ]);
  });

  it('passes the arrival-rate profiles through to their k6 executors unchanged', async () => {
    const profile: LoadProfile = { kind: 'constant-arrival-rate', rate: 30, timeUnit: '1s', duration: '5m', preAllocatedVUs: 10, maxVUs: 50 };
    const compiled = await compileScenario({ scenarioFile: 'login-logout', profileName: 'rate', profile, slos: [], outDir: join(dir, 'rate') });
    const inspected = await k6Inspect(compiled.scriptPath);
    expect((inspected.scenarios as Record<string, unknown>)['login-logout']).toMatchObject({ executor: 'constant-arrival-rate', rate: 30, timeUnit: '1s', duration: '5m0s', preAllocatedVUs: 10, maxVUs: 50 });
  });

  it('keeps passwords and the target out of the compiled script and its source map', async () => {
    const compiled = await compileScenario({ scenarioFile: 'mixed-day', profileName: 'smoke', profile: { kind: 'smoke', vus: 2, duration: '30s' }, slos: SLOS, outDir: join(dir, 'secrets') });
    for (const file of [compiled.scriptPath, compiled.sourceMapPath]) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('Sandbox-01-pw!');
      expect(text).not.toMatch(/https?:\/\/127\.0\.0\.1/);
      expect(text).not.toContain('insecureSkipTLSVerify');
    }
  });

  it('rejects a scenario with a type error as SCENARIO_INVALID naming file:line:col', async () => {
    const bad = join(dir, 'bad-scenario.ts');
    await writeFile(bad, "import http from 'k6/http';\n\nexport default function (): void {\n  const status: string = http.get('http://127.0.0.1:9/').status;\n}\n");
    const error = await compileScenario({ scenarioFile: bad, profileName: 'smoke', profile: { kind: 'smoke', vus: 1, duration: '5s' }, slos: [], outDir: join(dir, 'bad') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignoffError);
    expect((error as SignoffError).code).toBe('SCENARIO_INVALID');
    expect((error as SignoffError).message).toContain(`${bad}:4:9`);
    expect((error as SignoffError).message).toContain("Type 'number' is not assignable to type 'string'");
  });

  it('rejects an unknown scenario as SCENARIO_INVALID and lists the available ones', async () => {
    const error = await compileScenario({ scenarioFile: 'no-such-scenario', profileName: 'smoke', profile: { kind: 'smoke', vus: 1, duration: '5s' }, slos: [], outDir: join(dir, 'unknown') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignoffError);
    expect((error as SignoffError).code).toBe('SCENARIO_INVALID');
    expect((error as SignoffError).message).toContain('no-such-scenario');
    for (const name of SCENARIOS) expect((error as SignoffError).message).toContain(name);
  });
});
