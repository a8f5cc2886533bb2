/**
 * The one error catalogue. Every failure signoff reports carries a stable code,
 * a hint that tells the user what to do, the exit code it maps to and its cause.
 */
export const EXIT = {
  ok: 0,
  acceptanceFailed: 1,
  usage: 2,
  infrastructure: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const CATALOGUE = {
  USAGE: { exit: EXIT.usage, hint: 'Run `signoff --help` for the commands and their options.' },
  CONFIG_INVALID: { exit: EXIT.usage, hint: 'Fix the file at the path named in the message.' },
  ACCOUNTS_INVALID: { exit: EXIT.usage, hint: 'Fix the CSV row named in the message (OX createuser CSV columns).' },
  SUITE_INVALID: { exit: EXIT.usage, hint: 'Fix the suite at the path named in the message.' },
  SCENARIO_INVALID: { exit: EXIT.usage, hint: 'Fix the scenario at the file:line:col named in the message.' },
  LOAD_NOT_ALLOWED: { exit: EXIT.usage, hint: 'Set `allowLoad: true` on the target once the customer agreed to load it.' },
  SANDBOX_EXISTS: { exit: EXIT.usage, hint: 'Use another --name, or `signoff sandbox down --name <name>` first.' },
  SANDBOX_UNKNOWN: { exit: EXIT.usage, hint: 'List running sandboxes with `signoff sandbox status`.' },
  PACKAGE_MISSING: { exit: EXIT.infrastructure, hint: 'Run `npm run bootstrap` (as root it installs the Debian packages).' },
  TOOL_MISSING: { exit: EXIT.infrastructure, hint: 'Run `npm run bootstrap`; `signoff doctor` lists every tool.' },
  K6_NOT_FOUND: { exit: EXIT.infrastructure, hint: 'Run `npm run bootstrap` to build the pinned k6 into .tools/bin.' },
  K6_FAILED: { exit: EXIT.infrastructure, hint: 'See k6.log in the run folder.' },
  SANDBOX_STOP_FAILED: { exit: EXIT.infrastructure, hint: 'A sandbox process or port outlived `down`; the message names it (nothing was killed by name).' },
  SANDBOX_START_FAILED: { exit: EXIT.infrastructure, hint: 'See the logs/ folder of the sandbox named in the message.' },
  TARGET_UNREACHABLE: { exit: EXIT.infrastructure, hint: 'Check the target URL, the network and the CA file.' },
  TARGET_RATE_LIMITED: {
    exit: EXIT.infrastructure,
    hint:
      'The target throttles the load generator (HTTP 429, OX RateLimiter per remote address and User-Agent). Exempt the generator before a load test: ' +
      'com.openexchange.servlet.maxRateLenientRemoteAddresses (its addresses) or maxRateLenientClients (its User-Agents), or raise ' +
      'com.openexchange.servlet.maxRate / maxRateTimeWindow (server.properties); switch them back afterwards. See README "Preparing an App Suite for a load test".',
  },
  TLS_FAILED: { exit: EXIT.infrastructure, hint: 'Trust the server with the target `caFile`; checking is never switched off.' },
  IMAP_AUTH_FAILED: { exit: EXIT.acceptanceFailed, hint: 'Check the account password and the IMAP passdb.' },
  LDAP_UNREACHABLE: { exit: EXIT.infrastructure, hint: 'Check the LDAP URL and that the directory runs.' },
  DEADLINE_EXCEEDED: { exit: EXIT.infrastructure, hint: 'Raise the run deadline or shorten the phase named in the message.' },
  INTERRUPTED: { exit: EXIT.interrupted, hint: 'The run was interrupted; a partial report was written.' },
  SIGN_FAILED: { exit: EXIT.usage, hint: 'Check the p12 file and its passphrase (from the env variable or file, never the command line).' },
  VERIFY_FAILED: { exit: EXIT.acceptanceFailed, hint: 'The protocol or a file of the run changed after signing; compare with the archived copy.' },
  PROTOCOL_FAILED: { exit: EXIT.infrastructure, hint: 'Rendering the protocol needs Chromium (`signoff doctor`); re-render later with `signoff sign`.' },
  REPORT_INVALID: { exit: EXIT.usage, hint: 'The report does not match the RunReport JSON Schema at the path named.' },
  SECRET_LEAKED: { exit: EXIT.infrastructure, hint: 'A secret reached a file of the run folder; it was not signed. This is a bug in signoff: report it, and delete the run folder.' },
  INTERNAL: { exit: EXIT.infrastructure, hint: 'This is a bug in signoff; please report it with the log.' },
} as const satisfies Record<string, { exit: ExitCode; hint: string }>;

export type ErrorCode = keyof typeof CATALOGUE;

export class SignoffError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly exitCode: ExitCode;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SignoffError';
    this.code = code;
    this.hint = options.hint ?? CATALOGUE[code].hint;
    this.exitCode = CATALOGUE[code].exit;
  }
}

/** The catalogue's hint for a code, for verdicts that name the same fix as an error. */
export function hintFor(code: ErrorCode): string {
  return CATALOGUE[code].hint;
}

export function isSignoffError(error: unknown): error is SignoffError {
  return error instanceof SignoffError;
}

/** Exit code for anything thrown: our own errors carry theirs, the rest are bugs. */
export function exitCodeOf(error: unknown): ExitCode {
  return isSignoffError(error) ? error.exitCode : EXIT.infrastructure;
}
