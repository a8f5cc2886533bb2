import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, indents by two and ends in a newline', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('gives the same bytes for the same value built in a different key order', () => {
    const one = { run: { id: 'x', status: 'passed' }, checks: [{ id: 'a', durationMs: 1 }] };
    const two = { checks: [{ durationMs: 1, id: 'a' }], run: { status: 'passed', id: 'x' } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('leaves out undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{\n  "b": 2\n}\n');
  });
});
