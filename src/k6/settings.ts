/**
 * Run-time settings of a compiled scenario. The compiled script carries no
 * target and no secret: everything deployment-specific arrives through the
 * environment when k6 starts (TLS trust too, via SSL_CERT_FILE).
 */

export interface RuntimeSettings {
  /** e.g. `https://ox.example.com`, without trailing slash. */
  baseUrl: string;
  /** Base URL plus the API path, e.g. `https://ox.example.com/ajax`. */
  apiUrl: string;
  /** JSON file with the account pool (absolute path; read in the init context). */
  accountsFile: string;
  /** Mean pause between user actions, seconds. */
  thinkTimeSeconds: number;
  /** Consecutive failed logins after which a VU parks for the rest of the run (SIGNOFF_RETRY_CAP). */
  retryCap: number;
  /** Upper bound of one backoff sleep, seconds, Retry-After included (SIGNOFF_BACKOFF_MAX). */
  backoffMaxSeconds: number;
  /** The target allows autologin (SIGNOFF_AUTOLOGIN=on); real OX is off by default. */
  autologin: boolean;
  /** One User-Agent for every VU instead of the browser mix (SIGNOFF_USER_AGENT), e.g. one of the target's maxRateLenientClients. */
  userAgent: string | undefined;
}

const DEFAULT_THINK_TIME_SECONDS = 0.5;
const DEFAULT_RETRY_CAP = 3;
const DEFAULT_BACKOFF_MAX_SECONDS = 60;

function required(name: string): string {
  const value = __ENV[name];
  if (!value) throw new Error(`signoff: ${name} is not set; run compiled scenarios through \`signoff run\`, or set it yourself`);
  return value;
}

/** A number from the environment, or the default when unset; `min` and integer-ness checked so a typo fails the run early. */
function numberOf(name: string, fallback: number, min: number, integer = false): number {
  const text = __ENV[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`signoff: ${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got "${text}"`);
  }
  return value;
}

function switchOf(name: string): boolean {
  const text = (__ENV[name] ?? 'off').toLowerCase();
  if (text !== 'on' && text !== 'off') throw new Error(`signoff: ${name} must be "on" or "off", got "${__ENV[name]}"`);
  return text === 'on';
}

function readSettings(): RuntimeSettings {
  const baseUrl = required('SIGNOFF_BASE_URL').replace(/\/+$/, '');
  const apiPath = (__ENV.SIGNOFF_API_PATH ?? '/ajax').replace(/\/+$/, '');
  return {
    baseUrl,
    apiUrl: `${baseUrl}${apiPath}`,
    accountsFile: required('SIGNOFF_ACCOUNTS_FILE'),
    thinkTimeSeconds: numberOf('SIGNOFF_THINK_TIME', DEFAULT_THINK_TIME_SECONDS, 0),
    retryCap: numberOf('SIGNOFF_RETRY_CAP', DEFAULT_RETRY_CAP, 1, true),
    backoffMaxSeconds: numberOf('SIGNOFF_BACKOFF_MAX', DEFAULT_BACKOFF_MAX_SECONDS, 1),
    autologin: switchOf('SIGNOFF_AUTOLOGIN'),
    userAgent: __ENV.SIGNOFF_USER_AGENT || undefined,
  };
}

/** Read once per VU in the init context, so a missing variable fails the run before it starts. */
export const settings: RuntimeSettings = readSettings();
