/**
 * Run ids sort by start time and stay unique when two runs start in the same
 * second: `20250301-142501-7f3a9c` (UTC date, time, random suffix).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.ts';

export type RandomSuffix = () => string;

export const randomSuffix: RandomSuffix = () => randomBytes(3).toString('hex');

export function makeRunId(clock: Clock, suffix: RandomSuffix = randomSuffix): string {
  const iso = new Date(clock.now()).toISOString(); // 2025-03-01T14:25:01.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${suffix()}`;
}
