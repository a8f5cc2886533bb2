/**
 * SIGINT/SIGTERM → abort the run, so the running task stops its children
 * (k6), teardowns run and a partial report is written. A second signal means
 * "now": exit 130 at once.
 */
import { EXIT, SignoffError } from '../errors.ts';

export function abortOnTerminationSignals(controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.exit(EXIT.interrupted);
    }
    controller.abort(new SignoffError('INTERRUPTED', `interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
