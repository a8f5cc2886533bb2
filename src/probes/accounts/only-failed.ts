/**
 * `--only-failed`: the logins that failed in an earlier run, read from its
 * failures.json or from its report.json (which points at that evidence file).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { SignoffError } from '../../errors.ts';

export const FAILURES_FILE = 'accounts-failures.json';

const failuresFileSchema = z.object({
  failures: z.array(z.object({ login: z.string(), line: z.number() })),
});

const reportSchema = z.object({
  checks: z.array(z.object({ family: z.string(), evidence: z.array(z.object({ path: z.string() })) })),
});

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new SignoffError('USAGE', `--only-failed ${file}: cannot read it as JSON: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Logins to re-check. Rows that did not parse have no login (`line <n>`); they
 * are kept so the caller can tell the user that the CSV itself needs a fix.
 */
export async function readFailedLogins(file: string): Promise<Set<string>> {
  const json = await readJson(file);
  const direct = failuresFileSchema.safeParse(json);
  if (direct.success) return new Set(direct.data.failures.map((f) => f.login));
  const report = reportSchema.safeParse(json);
  if (report.success) {
    // report.json paths are relative to the run folder, which holds report.json.
    const paths = report.data.checks
      .filter((c) => c.family === 'accounts')
      .flatMap((c) => c.evidence.map((e) => e.path))
      .filter((p) => p.endsWith(FAILURES_FILE));
    const unique = [...new Set(paths)];
    if (unique.length === 0) return new Set();
    const logins = new Set<string>();
    for (const path of unique) for (const login of await readFailedLogins(resolve(dirname(file), path))) logins.add(login);
    return logins;
  }
  throw new SignoffError('USAGE', `--only-failed ${file}: neither a ${FAILURES_FILE} ({failures:[{login,line,…}]}) nor a report.json with accounts checks`);
}
