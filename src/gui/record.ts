/**
 * The contract between the specs' `check` fixture and our reporter: the test
 * annotation naming the check, and the attachment carrying its record. Kept
 * free of Playwright imports so the reporter and the runner can load it.
 */
import type { Criterion, Evidence } from '../model/types.ts';

export const CHECK_ANNOTATION = 'signoff-check';
export const RECORD_ATTACHMENT = 'signoff-check-record';

/** The attachment body: everything the reporter cannot see in Playwright's own result. */
export interface CheckRecord {
  criteria: Criterion[];
  evidence: Evidence[];
  timings: Record<string, number>;
  /** The step that was running when the test ended (a hang or a timeout). */
  unfinishedStep?: string;
}
