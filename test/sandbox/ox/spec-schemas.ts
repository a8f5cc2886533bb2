/**
 * Validators for the stand-in's tests, from the contract schemas in
 * src/contract (written in this project from the OX spec; nothing is read from
 * ../shared at run time, so the checks run on every clone).
 */
import type * as z from 'zod/mini';
import { chronosEvent, envelope, loginResponse } from '../../../src/contract/index.ts';

/** A boolean check with the last failure's explanation (as ajv's `errors`). */
export interface Validate {
  (body: unknown): boolean;
  errors: z.core.$ZodIssue[] | null;
}

function validate(schema: z.ZodMiniType): Validate {
  const check = ((body: unknown) => {
    const result = schema.safeParse(body);
    check.errors = result.success ? null : result.error.issues;
    return result.success;
  }) as Validate;
  check.errors = null;
  return check;
}

/** `common`: any envelope() (success, success with warnings, error); `login`: the login answer. */
export function validator(name: 'common' | 'login'): Validate {
  return validate(name === 'common' ? envelope() : loginResponse());
}

/** A chronos event (EventDataRaw with DateTimeData). */
export function eventValidator(): Validate {
  return validate(chronosEvent());
}
