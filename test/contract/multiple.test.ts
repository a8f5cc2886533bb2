/** The /multiple answer (13-multiple/Request.yaml): one envelope per request, in order, each judged alone. */
import { describe, expect, it } from 'vitest';
import { classifyMultiple, multipleResponse } from '../../src/contract/index.ts';

const ANSWER = [
  { data: [{ id: 'io.ox/core', tree: {} }], timestamp: 1 },
  { data: 2, error: 'Warned', code: 'MSG-0021', categories: 'WARNING', category: 13 },
  { error: 'Unknown action: nope', code: 'SVL-0001', categories: 'ERROR', category: 8 },
];

describe('/multiple answer', () => {
  it('accepts an array of envelopes and classifies each item', () => {
    expect(multipleResponse().safeParse(ANSWER).success).toBe(true);
    const outcomes = classifyMultiple(ANSWER, 3);
    expect(Array.isArray(outcomes) && outcomes.map((o) => o.kind)).toEqual(['success', 'success', 'error']);
  });

  it('rejects an object instead of an array, a broken item and an answer of the wrong length', () => {
    expect(multipleResponse().safeParse({ data: ANSWER }).success).toBe(false);
    expect(multipleResponse().safeParse([...ANSWER, { error: 'no code' }]).success).toBe(false);
    expect(classifyMultiple(ANSWER, 4)).toMatchObject({ kind: 'invalid' });
    expect(classifyMultiple({ error: 'x', code: 'SES-0203' }, 1)).toMatchObject({ kind: 'invalid' });
  });
});
