/**
 * Parsers for command-line values, handed to commander as option parsers: a
 * bad value is refused while the arguments are read (exit 2, the flag and what
 * was expected named), before any file is written or any process started.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../config/duration.ts';
import { SANDBOX_NAME } from '../sandbox/types.ts';

type Parse<T> = (value: string) => T;

function refuse(expected: string): never {
  throw new InvalidArgumentError(`expected ${expected}.`);
}

export const wholeNumber =
  (min: number): Parse<number> =>
  (value) => {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    return Number.isSafeInteger(n) && n >= min ? n : refuse(`a whole number ≥ ${min}`);
  };

/** A number > min and ≤ max (ratios such as --precision 0.05). */
export const numberBetween =
  (min: number, max: number): Parse<number> =>
  (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    return Number.isFinite(n) && n > min && n <= max ? n : refuse(`a number above ${min} and at most ${max}`);
  };

/** Seconds ≥ 0, e.g. a think time. */
export const seconds: Parse<number> = (value) => {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : refuse('a number of seconds ≥ 0, e.g. 7 or 0.5');
};

/** A positive duration in the config's format, kept as text for the callers that want it. */
export const positiveDuration: Parse<string> = (value) => {
  const ms = parseDuration(value);
  return ms !== undefined && ms > 0 ? value.trim() : refuse('a duration above zero such as 500ms, 30s, 5m or 1h');
};

/** RFC 1123 label: what Kubernetes accepts as a name of most objects and of a namespace. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const kubernetesName: Parse<string> = (value) =>
  DNS_LABEL.test(value) ? value : refuse('a Kubernetes name: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters');

/** A Kubernetes resource quantity (apimachinery's grammar): 1, 500m, 1.5, 1Gi, 256Mi, 2e3. */
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export const kubernetesQuantity: Parse<string> = (value) => (QUANTITY.test(value) ? value : refuse('a Kubernetes quantity such as 1, 500m, 1Gi or 256Mi'));

export const sandboxName: Parse<string> = (value) => (SANDBOX_NAME.test(value) ? value : refuse('a sandbox name of lower-case letters, digits and "-"'));

/** RFC 1123 subdomain: names of Secrets and storage classes may hold dots. */
export const kubernetesSubdomain: Parse<string> = (value) =>
  value.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value) ? value : refuse('a Kubernetes object name: lower-case letters, digits, "-" and ".", at most 253 characters');

/** The nearest part of the path that exists, and what it is. */
function nearestExisting(target: string): { at: string; directory: boolean } {
  let at = path.resolve(target);
  for (;;) {
    const info = statSync(at, { throwIfNoEntry: false });
    if (info) return { at, directory: info.isDirectory() };
    const parent = path.dirname(at);
    if (parent === at) return { at, directory: false };
    at = parent;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A folder to write into: it is one (or can be made), and may be written. Nothing is created here. */
export const outputFolder: Parse<string> = (value) => {
  const { at, directory } = nearestExisting(value);
  if (!directory) refuse(`a folder to write into; ${at} is a file`);
  if (!writable(at)) refuse(`a folder to write into; ${at} is not writable`);
  return value;
};

/** A file to write: its folder exists and may be written, and it is not itself a folder. */
export const outputFile: Parse<string> = (value) => {
  const target = path.resolve(value);
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) refuse(`a file to write; ${target} is a folder`);
  const folder = path.dirname(target);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) refuse(`a file in an existing folder; ${folder} does not exist`);
  if (!writable(folder)) refuse(`a file in a writable folder; ${folder} is not writable`);
  return value;
};
