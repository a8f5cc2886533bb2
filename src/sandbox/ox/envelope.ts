/**
 * OX response envelopes: the success shape `{data, timestamp}`, the error shape
 * (error, error_params, error_id, error_desc, code, categories, category) and
 * the HTML callback page that answers multipart uploads.
 */
import { randomInt } from 'node:crypto';

/**
 * Numeric legacy categories. Only TRY_AGAIN = 4 is verified (NOTES §2); the
 * others follow the old OX AbstractOXException numbering as best known.
 */
export const CATEGORY_NUMBER = {
  USER_INPUT: 1,
  CONFIGURATION: 2,
  PERMISSION_DENIED: 3,
  TRY_AGAIN: 4,
  SERVICE_DOWN: 5,
  CONNECTIVITY: 6,
  ERROR: 8,
  CONFLICT: 9,
  CAPACITY: 10,
  TRUNCATED: 11,
  WARNING: 13,
} as const;

export type Category = keyof typeof CATEGORY_NUMBER;

interface ErrorDefinition {
  category: Category;
  message: string;
}

/**
 * The codes the stand-in raises. SES-* are verified against the OX enum;
 * LGI-0006 against the public UI tests. The remaining numbers are our choice
 * (documented in README-ish comments here) since the OX enums were not read.
 */
export const OX_ERRORS = {
  'SES-0201': { category: 'ERROR', message: 'The session parameter is missing.' },
  'SES-0203': { category: 'TRY_AGAIN', message: 'Your session %s expired. Please start a new browser session.' },
  'SES-0206': { category: 'TRY_AGAIN', message: 'Your session was invalidated. Please try again.' },
  'LGI-0006': { category: 'USER_INPUT', message: 'The user name or password is incorrect.' },
  // Our choice: missing login parameter / password sent in the URL / auth server down / login disabled by a fault.
  'LGI-0003': { category: 'USER_INPUT', message: 'Missing the following request parameter: %s' },
  'LGI-0024': { category: 'USER_INPUT', message: 'The password must not be sent as an URL parameter.' },
  'LGI-0015': { category: 'SERVICE_DOWN', message: 'The authentication service is not available: %s' },
  'LGI-0016': { category: 'TRY_AGAIN', message: 'Login is temporarily not possible. Please try again later.' },
  'SVL-0001': { category: 'ERROR', message: 'Unknown module: %s' },
  'SVL-0002': { category: 'ERROR', message: 'Missing the following request parameter: %s' },
  'SVL-0003': { category: 'ERROR', message: 'Unknown action "%s" in module %s' },
  'SVL-0010': { category: 'ERROR', message: 'Invalid request body: %s' },
  'SVL-0011': { category: 'ERROR', message: 'Invalid value for parameter %s: %s' },
  'SRV-0001': { category: 'ERROR', message: 'Unexpected error: %s' },
  'SRV-0002': { category: 'SERVICE_DOWN', message: 'Service temporarily not available (injected fault).' },
  'FLD-0003': { category: 'USER_INPUT', message: 'Folder "%s" could not be found.' },
  'MSG-0032': { category: 'USER_INPUT', message: 'Mail %s could not be found in folder %s.' },
  'MSG-1000': { category: 'CONNECTIVITY', message: 'The mail server is not reachable: %s' },
  'MSG-1001': { category: 'ERROR', message: 'Mail server error: %s' },
  'MSG-0100': { category: 'USER_INPUT', message: 'The message could not be sent: %s' },
  'CON-0125': { category: 'USER_INPUT', message: 'Contact %s not found in folder %s.' },
  'CAL-4040': { category: 'USER_INPUT', message: 'Event %s not found in folder %s.' },
  'IFO-0300': { category: 'USER_INPUT', message: 'Document %s not found.' },
  'IMP-0001': { category: 'USER_INPUT', message: 'The file could not be imported: %s' },
  'PSW-0001': { category: 'USER_INPUT', message: 'The old password is not correct.' },
  'PSW-0002': { category: 'USER_INPUT', message: 'The new password must not be empty.' },
  'JSL-0001': { category: 'ERROR', message: 'Invalid JSlob: %s' },
  'QUO-0001': { category: 'USER_INPUT', message: 'Unknown quota module: %s' },
} as const satisfies Record<string, ErrorDefinition>;

export type OxErrorCode = keyof typeof OX_ERRORS;

/** An OX application error; becomes an error envelope with HTTP 200. */
export class OxError extends Error {
  readonly code: OxErrorCode;
  readonly params: string[];
  readonly category: Category;

  constructor(code: OxErrorCode, params: (string | number)[] = [], options: { cause?: unknown } = {}) {
    const definition: ErrorDefinition = OX_ERRORS[code];
    super(formatMessage(definition.message, params.map(String)), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OxError';
    this.code = code;
    this.params = params.map(String);
    this.category = definition.category;
  }
}

/** Fills `%s` and `%1$s`-style placeholders in order. */
export function formatMessage(template: string, params: readonly string[]): string {
  let next = 0;
  return template.replace(/%(?:(\d+)\$)?[sd]/g, (_m, index: string | undefined) => {
    const value = index === undefined ? params[next++] : params[Number(index) - 1];
    return value ?? '';
  });
}

export interface ErrorEnvelope {
  error: string;
  error_params: string[];
  error_id: string;
  error_desc: string;
  code: string;
  categories: string;
  category: number;
}

let errorCounter = 0;
const errorIdPrefix = -randomInt(1_000_000, 2_000_000_000);

export function errorEnvelope(error: OxError): ErrorEnvelope {
  errorCounter += 1;
  return {
    error: error.message,
    error_params: error.params,
    error_id: `${errorIdPrefix}-${errorCounter}`,
    error_desc: error.message,
    code: error.code,
    categories: error.category,
    category: CATEGORY_NUMBER[error.category],
  };
}

/** Turns anything thrown in a module into an OX error (unknown failures become SRV-0001). */
export function toOxError(error: unknown): OxError {
  if (error instanceof OxError) return error;
  return new OxError('SRV-0001', [error instanceof Error ? error.message : String(error)], { cause: error });
}

export interface SuccessEnvelope {
  data: unknown;
  timestamp?: number;
  warnings?: ErrorEnvelope[];
}

export function successEnvelope(data: unknown, timestamp?: number): SuccessEnvelope {
  return timestamp === undefined ? { data } : { data, timestamp };
}

/** The HTML page OX answers uploads with; `<action>` names the parent's callback (NOTES §9). */
export function callbackPage(action: string, payload: unknown): string {
  // "</" inside a script element would end it early.
  const json = JSON.stringify(payload).replace(/<\//g, '<\\/');
  return (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">' +
    '<html><head><META http-equiv="Content-Type" content="text/html; charset=UTF-8">' +
    `<script type="text/javascript">(parent["callback_${action}"] || window.opener && window.opener["callback_${action}"])(${json})</script>` +
    '</head></html>'
  );
}
