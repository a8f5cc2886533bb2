/**
 * Secrets by construction: a password or passphrase is a Secret from the
 * moment it is read, and a Secret prints, serialises and interpolates as
 * `***`. Only `reveal()` gives the value, at the one place that sends it.
 * resolveSecret() is the one reader of secret sources (an environment
 * variable or a one-line file); its errors name where the secret should be,
 * never what it is.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignoffError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

const MASK = '***';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [Symbol.toPrimitive](): string {
    return MASK;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${MASK})`;
  }
}

/** Where a secret lives: exactly one of an environment variable and a file. */
export interface SecretSource {
  env?: string | undefined;
  file?: string | undefined;
}

export interface SecretContext {
  /** Config path of the source's keys without the Env/File suffix, e.g. `signoff.config.ts: targets.prod.accounts.password`. */
  at: string;
  /** What the secret is, for messages: "the accounts' shared password". */
  what: string;
  /** Folder a relative file is resolved against (the project). */
  baseDir: string;
  /** How the two sources are named where `<at>Env` / `<at>File` does not fit (CLI flags). */
  names?: { env: string; file: string };
  code?: ErrorCode;
  env?: NodeJS.ProcessEnv;
}

export async function resolveSecret(source: SecretSource, context: SecretContext): Promise<Secret> {
  const code = context.code ?? 'CONFIG_INVALID';
  const names = context.names ?? { env: `${context.at}Env`, file: `${context.at}File` };
  if (source.env !== undefined) {
    const value = (context.env ?? process.env)[source.env];
    if (!value) throw new SignoffError(code, `${names.env}: the environment variable ${source.env} is not set (it holds ${context.what})`);
    return new Secret(value);
  }
  if (source.file !== undefined) {
    const file = path.resolve(context.baseDir, source.file);
    const text = await readFile(file, 'utf8').catch((cause: unknown) => {
      throw new SignoffError(code, `${names.file}: cannot read ${context.what} from ${file}`, { cause });
    });
    // The first line; trailing blanks are editor residue, leading ones may be part of it.
    const value = text.split(/\r?\n/)[0]?.trimEnd();
    if (!value) throw new SignoffError(code, `${names.file}: ${file} is empty (it should hold ${context.what})`);
    return new Secret(value);
  }
  throw new SignoffError(code, `${names.env} / ${names.file}: expected exactly one of them`);
}
