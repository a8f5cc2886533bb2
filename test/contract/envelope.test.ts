/**
 * The envelope contract: success, error and success-with-warnings as MW
 * ResponseWriter writes them (samples shaped after CommonResponse.yaml and
 * CommonResponseDataWithWarnings.yaml); a warning next to data is a success.
 */
import { describe, expect, it } from 'vitest';
import { classifyEnvelope, envelope, errorEnvelope, successEnvelope, warningEnvelope } from '../../src/contract/index.ts';

const SUCCESS = { data: [['3', 'default0/INBOX']], timestamp: 1573658456000 };
const ERROR = { error: 'Your session %s expired. Please start a new browser session.', error_params: ['0123456789abcdef0123456789abcdef'], categories: 'TRY_AGAIN', category: 4, code: 'SES-0203', error_id: '-1234567-5', error_desc: 'Session expired' };
const WARNING_ITEM = { error: 'Mail folder could not be found.', code: 'MSG-0021', categories: 'WARNING', category: 13, error_params: [] };
const WITH_WARNINGS = { data: { id: '7' }, timestamp: 1573658456000, ...WARNING_ITEM, warnings: [WARNING_ITEM, { ...WARNING_ITEM, code: 'MSG-0022' }] };

describe('envelope', () => {
  it('accepts a success, an error and a success with warnings', () => {
    expect(successEnvelope().safeParse(SUCCESS).success).toBe(true);
    expect(errorEnvelope().safeParse(ERROR).success).toBe(true);
    expect(warningEnvelope().safeParse(WITH_WARNINGS).success).toBe(true);
    for (const body of [SUCCESS, ERROR, WITH_WARNINGS, {}]) expect(envelope().safeParse(body).success).toBe(true);
  });

  it('rejects an error without a PREFIX-NNNN code, a non-numeric category and a non-string message', () => {
    expect(envelope().safeParse({ ...ERROR, code: 'session expired' }).success).toBe(false);
    expect(envelope().safeParse({ ...ERROR, category: 'TRY_AGAIN' }).success).toBe(false);
    expect(envelope().safeParse({ ...ERROR, error: 42 }).success).toBe(false);
  });

  it('does not take a warning for an error, nor an error for a warning', () => {
    expect(errorEnvelope().safeParse(WITH_WARNINGS).success).toBe(false);
    expect(warningEnvelope().safeParse(ERROR).success).toBe(false);
    // A warning category without data is not a success (the UI's rule: category 13 AND data).
    expect(warningEnvelope().safeParse(WARNING_ITEM).success).toBe(false);
  });

  it('classifies a warning next to data as a success with every warning listed', () => {
    const outcome = classifyEnvelope(WITH_WARNINGS);
    expect(outcome).toMatchObject({ kind: 'success', data: { id: '7' } });
    expect(outcome.kind === 'success' && outcome.warnings.map((w) => w.code)).toEqual(['MSG-0021', 'MSG-0022']);
    expect(classifyEnvelope({ data: 1, ...WARNING_ITEM, category: undefined, categories: ['WARNING'] })).toMatchObject({ kind: 'success' });
  });

  it('classifies an error envelope as an error, and an error without code as invalid', () => {
    expect(classifyEnvelope(ERROR)).toMatchObject({ kind: 'error', error: { code: 'SES-0203' } });
    expect(classifyEnvelope({ error: 'broken' })).toMatchObject({ kind: 'invalid' });
    expect(classifyEnvelope('<html>')).toMatchObject({ kind: 'invalid' });
  });
});
