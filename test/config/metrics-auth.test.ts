/**
 * Target nodes[].metricsAuth: the config accepts a user name with the password
 * named (env or file), refuses typos and an inline password without repeating
 * it, and resolving a missing source names the config path.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMetricsAuth } from '../../src/config/metrics-auth.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import { SignoffError } from '../../src/errors.ts';
import { tempProject } from './temp-project.ts';

async function failure(promise: Promise<unknown>): Promise<SignoffError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignoffError) return error;
    throw error;
  }
  throw new Error('expected a SignoffError');
}

const SUITE = `export default { name: 'nightly', title: 'Nightly', requirements: [] };\n`;

function project(metricsAuth: string): { configFile: string; suiteFile: string } {
  const dir = tempProject({
    'signoff.config.ts': `export default { targets: { staging: { baseUrl: 'https://ox.example.com', nodes: [{ route: 'OX1', url: 'http://ox1.example.com:8009', metricsAuth: ${metricsAuth} }] } }, defaultTarget: 'staging' };\n`,
    'suites/nightly.ts': SUITE,
  });
  return { configFile: path.join(dir, 'signoff.config.ts'), suiteFile: path.join(dir, 'suites/nightly.ts') };
}

describe('target nodes[].metricsAuth', () => {
  it('accepts a user name with the password named by an environment variable', async () => {
    const plan = await resolveConfig(project(`{ username: 'metrics', passwordEnv: 'OX_METRICS_PASSWORD' }`));
    expect(plan.target).toMatchObject({ kind: 'remote', config: { nodes: [{ route: 'OX1', metricsAuth: { username: 'metrics', passwordEnv: 'OX_METRICS_PASSWORD' } }] } });
  });

  it('names a mistyped key under metricsAuth', async () => {
    const error = await failure(resolveConfig(project(`{ username: 'metrics', passwordEnvv: 'OX_METRICS_PASSWORD' }`)));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('targets.staging.nodes[0].metricsAuth.passwordEnvv: unknown key "passwordEnvv" (not part of the schema; a typo?)');
  });

  it('refuses an inline password without repeating it', async () => {
    const error = await failure(resolveConfig(project(`{ username: 'metrics', password: 'hunter2-secret' }`)));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('targets.staging.nodes[0].metricsAuth.password: the password is never written inline');
    expect(error.message).not.toContain('hunter2-secret');
  });

  it('requires exactly one of passwordEnv and passwordFile', async () => {
    const neither = await failure(resolveConfig(project(`{ username: 'metrics' }`)));
    expect(neither.message).toContain('targets.staging.nodes[0].metricsAuth: expected exactly one of passwordEnv and passwordFile');
    const both = await failure(resolveConfig(project(`{ username: 'metrics', passwordEnv: 'A', passwordFile: 'p.txt' }`)));
    expect(both.message).toContain('targets.staging.nodes[0].metricsAuth: expected exactly one of passwordEnv and passwordFile');
  });
});

describe('resolveMetricsAuth', () => {
  const where = 'signoff.config.ts: targets.staging';
  const nodes = [
    { route: 'OX1', url: 'http://ox1:8009' },
    { route: 'OX2', url: 'http://ox2:8009', metricsAuth: { username: 'metrics', passwordEnv: 'OX_METRICS_PASSWORD' } },
  ];

  it('turns the named password into Basic auth credentials of the node that has them', async () => {
    const resolved = await resolveMetricsAuth(nodes, { baseDir: '/', where, env: { OX_METRICS_PASSWORD: 's3cret' } });
    expect(resolved).toEqual([
      { route: 'OX1', url: 'http://ox1:8009' },
      { route: 'OX2', url: 'http://ox2:8009', basicAuth: 'metrics:s3cret' },
    ]);
  });

  it('reads the password from the first line of a file relative to the project', async () => {
    const dir = tempProject({});
    await writeFile(path.join(dir, 'metrics.pw'), 'from-file\n');
    const resolved = await resolveMetricsAuth([{ route: 'OX1', url: 'http://ox1:8009', metricsAuth: { username: 'm', passwordFile: 'metrics.pw' } }], { baseDir: dir, where });
    expect(resolved[0]?.basicAuth).toBe('m:from-file');
  });

  it('reports an unset environment variable as CONFIG_INVALID naming the config path', async () => {
    const error = await failure(resolveMetricsAuth(nodes, { baseDir: '/', where, env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('signoff.config.ts: targets.staging.nodes[1].metricsAuth.passwordEnv: the environment variable OX_METRICS_PASSWORD is not set (it holds the node\'s metrics password)');
  });

  it('reports an unreadable password file as CONFIG_INVALID naming the config path', async () => {
    const error = await failure(resolveMetricsAuth([{ route: 'OX1', url: 'http://ox1:8009', metricsAuth: { username: 'm', passwordFile: 'missing.pw' } }], { baseDir: tempProject({}), where }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^signoff\.config\.ts: targets\.staging\.nodes\[0\]\.metricsAuth\.passwordFile: cannot read .*missing\.pw$/);
  });
});
