/**
 * Collects the criteria of one check while it runs. `attempt` runs one
 * protocol step: when the server refuses it, the refusal becomes a failed
 * criterion (expected vs the server's answer) instead of an exception, so a
 * check reports *what* did not work.
 */
import type { Criterion } from '../../model/types.ts';
import { criterion } from './check.ts';

/** The server's own words when there are some (imapflow: responseText; ldapts: message). */
export function describeError(error: unknown): string {
  const facts = (error ?? {}) as { responseStatus?: string; responseText?: string; message?: string; code?: unknown };
  if (facts.responseText) return `${facts.responseStatus ?? 'NO'} ${facts.responseText}`;
  return facts.message ?? String(error);
}

export class Criteria {
  readonly items: Criterion[] = [];

  add(name: string, expected: string, measured: string, passed: boolean): boolean {
    this.items.push(criterion(name, expected, measured, passed));
    return passed;
  }

  get allPassed(): boolean {
    return this.items.every((c) => c.passed);
  }

  /** Runs a step; on failure records it and returns undefined. */
  async attempt<T>(name: string, expected: string, step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      this.add(name, expected, `failed: ${describeError(error)}`, false);
      return undefined;
    }
  }
}
