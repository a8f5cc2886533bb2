/**
 * The progress bar of a long verification run (cli-progress, on stderr so
 * stdout stays machine-readable): done/total, accounts/s, ETA, failures so far.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(failed: boolean): void;
  stop(): void;
}

const QUIET: Progress = { tick: () => undefined, stop: () => undefined };

export function startProgress(total: number, enabled: boolean | undefined): Progress {
  if (!(enabled ?? process.stderr.isTTY) || total === 0) return QUIET;
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'accounts {bar} {value}/{total} · {rate}/s · ETA {eta_formatted} · failed {failed}',
      etaBuffer: 200,
      hideCursor: true,
      // Non-TTY streams (CI logs) get a line now and then instead of redraws.
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  let done = 0;
  bar.start(total, 0, { rate: '0', failed: 0 });
  return {
    tick(didFail) {
      done += 1;
      if (didFail) failed += 1;
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(0) : '0', failed });
    },
    stop() {
      bar.stop();
    },
  };
}
