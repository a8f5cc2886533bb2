import { describe, expect, it } from 'vitest';
import { fixCommand, K6_VERSION, TOOLS, toolSpec } from '../../src/tools/registry.ts';

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
});
