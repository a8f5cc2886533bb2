/**
 * Parsers for command-line values, handed to commander as option parsers: a
 * bad value is refused while the arguments are read (exit 2, the flag and what
 * was expected named), before any file is written or any process started.
 */
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../config/duration.ts';

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

/** RFC 1123 subdomain: names of Secrets and storage classes may hold dots. */
export const kubernetesSubdomain: Parse<string> = (value) =>
  value.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value) ? value : refuse('a Kubernetes object name: lower-case letters, digits, "-" and ".", at most 253 characters');
