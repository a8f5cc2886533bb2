/**
 * What the k6 client reads besides the target (src/k6, SIGNOFF_* variables):
 * the UI whose requests it mirrors, the retry cap, and autologin, which it
 * uses only where the target says it is on (OX's default is off).
 */
import type { RunPlan } from '../config/plan.ts';
import type { LoadItem } from '../config/suite.ts';

export function clientEnv(item: Pick<LoadItem, 'ui' | 'retryCap'>, plan: Pick<RunPlan, 'target'>): Record<string, string> {
  const autologin = plan.target.kind === 'remote' && plan.target.config.autologin;
  return { SIGNOFF_UI: item.ui, SIGNOFF_RETRY_CAP: String(item.retryCap), SIGNOFF_AUTOLOGIN: autologin ? 'on' : 'off' };
}
