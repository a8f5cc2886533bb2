/**
 * bench-capacity: steps and wall time to find the sandbox's capacity within
 * ±5 % (webmail-user, closed model, "mail.all p95 < 250ms" and "* errorRate < 5%",
 * 5–40 sessions, 5 s steps). Bounded: at most 8 steps. Starts and stops its
 * own sandbox. Usage: scripts/with-tools node scripts/bench-capacity.ts [runs]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAccounts } from '../src/config/accounts.ts';
import { parseSlo, type Slo } from '../src/config/load.ts';
import { findCapacity } from '../src/load/capacity/capacity.ts';
import { sandboxDown, sandboxUp } from '../src/sandbox/sandbox.ts';

const runs = Number(process.argv[2] ?? 1);
const NAME = `bcap-${process.pid}`;
const slos: Slo[] = ['mail.all p95 < 250ms', '* errorRate < 5%'].map((s) => {
  const parsed = parseSlo(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.slo;
});
const dir = await mkdtemp(join(tmpdir(), 'signoff-bench-capacity-'));
try {
  const info = await sandboxUp({ name: NAME, nodes: 2 });
  const { accounts } = await loadAccounts(info.accountsFile, { strict: true });
  const pool = join(dir, 'accounts.json');
  await writeFile(pool, JSON.stringify(accounts.map((a) => ({ login: a.login, password: a.password ?? '', email: a.email }))), { mode: 0o600 });
  for (let run = 1; run <= runs; run++) {
    const result = await findCapacity({
      scenarioFile: 'webmail-user',
      slos,
      model: 'closed',
      maxSessions: 40,
      stepDurationS: 5,
      maxSteps: 8,
      target: { baseUrl: info.balancerUrl, accountsFile: pool, thinkTimeS: 0.1, nodes: info.nodes },
      runDir: join(dir, `run-${run}`),
      k6Path: resolve(import.meta.dirname, '../.tools/bin/k6'),
    });
    console.log(
      JSON.stringify({
        run,
        capacity: result.capacity,
        atLeast: result.atLeast,
        bracket: result.bracket,
        precision: result.precision,
        steps: result.steps,
        wallTimeS: result.wallTimeS,
        levels: result.curve.map((s) => `${s.level}${s.passed ? '✓' : '✗'}`).join(' '),
        stepWallS: result.curve.map((s) => s.wallTimeS),
        // In the order run: level, verdict, p95 and the binding SLO's slack (what the search fits).
        order: [...result.curve].sort((a, b) => a.index - b.index).map((s) => `${s.level}${s.passed ? '✓' : '✗'} p95=${s.p95Ms}ms slack=${s.slack}${s.bindingSlo ? ` (${s.bindingSlo})` : ''}`),
      }),
    );
  }
} finally {
  await sandboxDown(NAME).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
