import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/tools/project.ts';
import { fixCommand, K6_VERSION, TOOLS, toolSpec, type Install } from '../../src/tools/registry.ts';

describe('tool registry', () => {
  it('names every tool once, with a purpose and a way to install it', () => {
    const names = TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of TOOLS) {
      expect(tool.purpose).not.toBe('');
      expect(fixCommand([tool.install])).not.toBe('');
    }
  });

  it('pins k6 to exactly one version', () => {
    expect(toolSpec('k6').requires).toBe(K6_VERSION);
  });

  it('merges Debian packages into one apt-get command after the other fixes', () => {
    const fix = fixCommand([{ debian: 'slapd' }, { command: 'npm run bootstrap' }, { debian: 'apache2' }, { debian: 'slapd' }]);
    expect(fix).toBe('npm run bootstrap && apt-get install -y slapd apache2');
  });

  it('names only Debian packages that the bootstrap installs, and the k6 version it builds', async () => {
    const bootstrap = await readFile(path.join(PROJECT_ROOT, 'scripts', 'bootstrap.sh'), 'utf8');
    const installed = /^DEBIAN_PACKAGES=\(([^)]*)\)/m.exec(bootstrap)?.[1]?.split(/\s+/) ?? [];
    const installs: Install[] = TOOLS.flatMap((t) => [t.install, ...(t.files ?? []).map((f) => f.install)]);
    const named = installs.flatMap((i) => ('debian' in i ? [i.debian] : []));
    expect(installed).toEqual(expect.arrayContaining(named));
    expect(bootstrap).toContain(`K6_VERSION=v${K6_VERSION}\n`);
  });
});
