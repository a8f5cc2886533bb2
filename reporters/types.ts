/**
 * The one Reporter interface. Every hook is optional and may be async; hooks
 * get read-only model objects, never runner internals. Reporters that produce
 * files return them from onRunEnd and the runner writes them into the run
 * folder, so a reporter never touches the file system, the clock or the host.
 */
import type { CheckResult, RunReport } from '../src/model/types.ts';
import type { LoadProgress, LogEvent, RunStart, TaskStart } from '../src/model/events.ts';

type Awaitable<T> = T | Promise<T>;

/** A file for the run folder, by path relative to it. */
export interface ReportFile {
  path: string;
  content: string | Uint8Array;
}

/** Where console output goes; process.stdout/stderr fit, tests pass a buffer. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ReporterOptions {
  /** Console output (stdout, or stderr when stdout is reserved for `--json`). */
  out: TextSink;
  color: boolean;
}

export interface Reporter {
  readonly name: string;
  /** True when the reporter writes to the terminal (so the runner knows one does). */
  printsToStdio?(): boolean;
  onRunStart?(run: RunStart): Awaitable<void>;
  onCheckStart?(task: TaskStart): Awaitable<void>;
  onCheckEnd?(result: CheckResult): Awaitable<void>;
  onProgress?(progress: LoadProgress): Awaitable<void>;
  onLog?(event: LogEvent): Awaitable<void>;
  /** The final report (already schema-valid); files returned are written into the run folder. */
  onRunEnd?(report: RunReport): Awaitable<ReportFile[] | void>;
}
