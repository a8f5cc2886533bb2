/** report.json: the RunReport as canonical JSON, the input of every later rendering and of the signature. */
import { canonicalJson } from '../src/model/canonical.ts';
import type { RunReport } from '../src/model/types.ts';
import type { ReportFile, Reporter } from './types.ts';

export const REPORT_FILE = 'report.json';

export function renderJson(report: RunReport): string {
  return canonicalJson(report);
}

export class JsonReporter implements Reporter {
  readonly name = 'json';

  onRunEnd(report: RunReport): ReportFile[] {
    return [{ path: REPORT_FILE, content: renderJson(report) }];
  }
}
