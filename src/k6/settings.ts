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
}

const DEFAULT_THINK_TIME_SECONDS = 0.5;

function required(name: string): string {
  const value = __ENV[name];
  if (!value) throw new Error(`signoff: ${name} is not set; run compiled scenarios through \`signoff run\`, or set it yourself`);
  return value;
}

function readSettings(): RuntimeSettings {
  const baseUrl = required('SIGNOFF_BASE_URL').replace(/\/+$/, '');
  const apiPath = (__ENV.SIGNOFF_API_PATH ?? '/ajax').replace(/\/+$/, '');
  const think = __ENV.SIGNOFF_THINK_TIME === undefined ? DEFAULT_THINK_TIME_SECONDS : Number(__ENV.SIGNOFF_THINK_TIME);
  if (!Number.isFinite(think) || think < 0) throw new Error(`signoff: SIGNOFF_THINK_TIME must be a number of seconds >= 0, got "${__ENV.SIGNOFF_THINK_TIME}"`);
  return { baseUrl, apiUrl: `${baseUrl}${apiPath}`, accountsFile: required('SIGNOFF_ACCOUNTS_FILE'), thinkTimeSeconds: think };
}

/** Read once per VU in the init context, so a missing variable fails the run before it starts. */
export const settings: RuntimeSettings = readSettings();
