/** Think time between user actions: SIGNOFF_THINK_TIME seconds on average, ±50 % so VUs drift apart. */
import { sleep } from 'k6';
import { settings } from './settings.ts';

export function think(factor = 1): void {
  const mean = settings.thinkTimeSeconds * factor;
  if (mean > 0) sleep(mean * (0.5 + Math.random()));
}
