/**
 * The terminal reporter: task boundaries, a live progress bar while load runs
 * (elapsed/total, VUs, req/s, p95, error rate), log lines, and the summary.
 */
import cliProgress from 'cli-progress';
import { createColors } from 'picocolors';
import type { CheckResult, RunReport } from '../src/model/types.ts';
import type { LoadProgress, LogEvent, RunStart, TaskStart } from '../src/model/events.ts';
import { formatSeconds, STATUS_MARK } from './format.ts';
import { renderSummary } from './summary.ts';
import type { Reporter, ReporterOptions } from './types.ts';

const BAR_FORMAT = '{scenario} [{bar}] {value}/{total} s | VUs {vus} | {rps} req/s | p95 {p95} | errors {errors}';

export class ConsoleReporter implements Reporter {
  readonly name = 'console';
  private readonly options: ReporterOptions;
  private readonly colors: ReturnType<typeof createColors>;
  private bar: cliProgress.SingleBar | undefined;

  constructor(options: ReporterOptions) {
    this.options = options;
    this.colors = createColors(options.color);
  }

  printsToStdio(): boolean {
    return true;
  }

  private print(line: string): void {
    this.stopBar();
    this.options.out.write(`${line}\n`);
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  onRunStart(run: RunStart): void {
    this.print(this.colors.bold(`signoff ${run.suite.name}: ${run.suite.title}`));
    this.print(this.colors.dim(`run ${run.runId} on ${run.target.name} (${run.target.kind}), ${run.tasks.length} task(s)`));
  }

  onCheckStart(task: TaskStart): void {
    this.print(`${this.colors.cyan('>')} ${task.title}`);
  }

  onProgress(p: LoadProgress): void {
    const payload = {
      scenario: p.scenario,
      totalS: Math.round(p.totalS),
      vus: p.vus,
      rps: p.rps.toFixed(1),
      p95: p.p95 === undefined ? '-' : `${Math.round(p.p95)} ms`,
      errors: `${(p.errorRate * 100).toFixed(2)} %`,
    };
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { format: BAR_FORMAT, stream: this.options.out as NodeJS.WritableStream, hideCursor: false, clearOnComplete: false, etaBuffer: 1,
          // In CI logs (no TTY) a plain line every 10 s instead of a redrawn bar.
          noTTYOutput: !this.options.out.isTTY, notTTYSchedule: 10_000 },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(Math.max(1, Math.round(p.totalS)), 0, payload);
    }
    this.bar.update(Math.min(Math.round(p.elapsedS), Math.round(p.totalS)), payload);
  }

  onLog(event: LogEvent): void {
    const text = event.taskId ? `[${event.taskId}] ${event.message}` : event.message;
    const painted = event.level === 'error' ? this.colors.red(text) : event.level === 'warn' ? this.colors.yellow(text) : this.colors.dim(text);
    this.print(`  ${painted}`);
  }

  onCheckEnd(result: CheckResult): void {
    const mark = STATUS_MARK[result.status];
    const painted = result.status === 'passed' ? this.colors.green(mark) : result.status === 'skipped' ? this.colors.dim(mark) : this.colors.red(mark);
    this.print(`  ${painted} ${result.title} ${this.colors.dim(`(${formatSeconds(result.durationMs)})`)}`);
    if (result.hint && result.status !== 'passed') this.print(`    ${this.colors.yellow(`hint: ${result.hint}`)}`);
  }

  onRunEnd(report: RunReport): void {
    this.print('');
    this.options.out.write(renderSummary(report, { color: this.options.color }));
  }
}
