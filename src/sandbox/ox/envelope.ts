/**
 * OX response envelopes: the success shape `{data, timestamp}` (with warnings
 * as MW ResponseWriter writes them), the error shape
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
  /** The log message (`error_desc`); also `error` unless `display` is given. */
  message: string;
  /** What OX shows the user (`error`), when it differs from the log message. */
  display?: string;
}

/** OXExceptionStrings.MESSAGE: the display text of codes without their own. */
const GENERIC = 'An error occurred inside the server which prevented it from fulfilling the request.';

/**
 * The codes the stand-in raises. SVL, LGI and SES follow the MW enums
 * (AjaxExceptionCodes, OXJSONExceptionCodes — also prefix SVL —,
 * LoginExceptionCodes, SessionExceptionCodes in open-xchange/appsuite-middleware).
 * SRV-0002/0003 are the stand-in's own injected fault and warning.
 */
export const OX_ERRORS = {
  'SES-0007': { category: 'USER_INPUT', message: 'Max. number of sessions exceeded for user %1$s in context %2$s' },
  'SES-0201': { category: 'ERROR', message: 'The session parameter is missing.' },
  'SES-0203': { category: 'TRY_AGAIN', message: 'Your session %s expired. Please start a new browser session.' },
  'SES-0205': {
    category: 'PERMISSION_DENIED',
    message: 'Request to server was refused. Original client IP address changed. Please try again.\nClient login IP changed from %1$s to %2$s and is not covered by IP white-list or netmask.',
    display: 'Request to server was refused. Original client IP address changed. Please try again.',
  },
  'SES-0206': { category: 'TRY_AGAIN', message: 'Your session was invalidated. Please try again.' },
  'LGI-0005': { category: 'SERVICE_DOWN', message: 'Login not possible at the moment.', display: 'Login not possible at the moment. Please try again later.' },
  'LGI-0006': { category: 'USER_INPUT', message: 'Invalid credentials.', display: 'The user name or password is incorrect.' },
  /** Obsolete alias kept for callers not yet moved: raised as LGI-0005 (LGI-0015 is UNKNOWN_HTTP_AUTHORIZATION in OX). */
  'LGI-0015': { category: 'SERVICE_DOWN', message: 'Login not possible at the moment.', display: 'Login not possible at the moment. Please try again later.' },
  'SVL-0001': { category: 'ERROR', message: 'Unknown AJAX action: %1$s.', display: GENERIC },
  'SVL-0002': { category: 'ERROR', message: 'Missing the following request parameter: %1$s', display: GENERIC },
  'SVL-0003': { category: 'TRY_AGAIN', message: 'Invalid cookie.' },
  'SVL-0007': { category: 'ERROR', message: 'Unknown module: %s.', display: GENERIC },
  'SVL-0009': { category: 'ERROR', message: 'JSON error: %s', display: GENERIC },
  'SVL-0010': { category: 'ERROR', message: 'Invalid parameter "%1$s": %2$s', display: GENERIC },
  'SVL-0011': { category: 'ERROR', message: 'Unexpected error: %1$s', display: GENERIC },
  'SVL-0015': { category: 'PERMISSION_DENIED', message: 'The action "%1$s" is disabled due to server configuration' },
  'SVL-0020': { category: 'ERROR', message: 'Bad request. %1$s', display: GENERIC },
  'SVL-0021': { category: 'ERROR', message: 'Unknown AJAX action %1$s in module %2$s.', display: GENERIC },
  'SVL-0028': { category: 'ERROR', message: 'Invalid request body. Expect to be of type "%1$s", but is "%2$s".' },
  'SVL-0029': { category: 'ERROR', message: 'Client sent invalid JSON data in request body.' },
  'SVL-0030': { category: 'ERROR', message: 'Client sent not allowed request parameter "%1$s" within the URI.' },
  'SRV-0001': { category: 'ERROR', message: 'Unexpected error: %s' },
  'SRV-0002': { category: 'SERVICE_DOWN', message: 'Service temporarily not available (injected fault).' },
  'SRV-0003': { category: 'WARNING', message: 'Injected warning (signoff stand-in fault).' },
  'FLD-0003': { category: 'USER_INPUT', message: 'Folder "%s" could not be found.' },
  'MSG-0032': { category: 'USER_INPUT', message: 'Mail %s could not be found in folder %s.' },
  'MSG-1000': { category: 'CONNECTIVITY', message: 'The mail server is not reachable: %s' },
  'MSG-1001': { category: 'ERROR', message: 'Mail server error: %s' },
  'MSG-0100': { category: 'USER_INPUT', message: 'The message could not be sent: %s' },
  'MSGCS-0007': { category: 'ERROR', message: 'Found no such composition space for identifier: %1$s' },
  'MSGCS-0011': { category: 'USER_INPUT', message: 'Maximum number of composition spaces is reached: %1$s' },
  'CON-0125': { category: 'USER_INPUT', message: 'Contact %s not found in folder %s.' },
  'CAL-4040': { category: 'USER_INPUT', message: 'Event %s not found in folder %s.' },
  'CAL-4060': { category: 'USER_INPUT', message: 'Unsupported folder [folder %1$s, content type %2$s]' },
  'IFO-0300': { category: 'USER_INPUT', message: 'Document %s not found.' },
  'IMP-0001': { category: 'USER_INPUT', message: 'The file could not be imported: %s' },
  'PSW-0001': { category: 'USER_INPUT', message: 'The old password is not correct.' },
  'PSW-0002': { category: 'USER_INPUT', message: 'The new password must not be empty.' },
  'JSL-0001': { category: 'ERROR', message: 'Invalid JSlob: %s' },
  'QUO-0001': { category: 'USER_INPUT', message: 'Unknown quota module: %s' },
} as const satisfies Record<string, ErrorDefinition>;

/** Codes kept only so older callers still compile; they are raised under the real code. */
const RAISED_AS: Partial<Record<string, keyof typeof OX_ERRORS>> = { 'LGI-0015': 'LGI-0005' };

export type OxErrorCode = keyof typeof OX_ERRORS;

/** An OX application error; becomes an error envelope with HTTP 200. */
export class OxError extends Error {
  readonly code: OxErrorCode;
  readonly params: string[];
  readonly category: Category;
  /** The log message (`error_desc`); `message` is the display text (`error`). */
  readonly description: string;

  constructor(code: OxErrorCode, params: (string | number)[] = [], options: { cause?: unknown } = {}) {
    const raised = RAISED_AS[code] ?? code;
    const definition: ErrorDefinition = OX_ERRORS[raised];
    const texts = params.map(String);
    super(formatMessage(definition.display ?? definition.message, texts), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OxError';
    this.code = raised;
    this.params = texts;
    this.category = definition.category;
    this.description = formatMessage(definition.message, texts);
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

/** The error fields as MW ResponseWriter.addException writes them; a warning is written with category WARNING. */
export function errorEnvelope(error: OxError, category: Category = error.category): ErrorEnvelope {
  errorCounter += 1;
  return {
    error: error.message,
    error_params: error.params,
    error_id: `${errorIdPrefix}-${errorCounter}`,
    error_desc: error.description,
    code: error.code,
    categories: category,
    category: CATEGORY_NUMBER[category],
  };
}

/**
 * Adds warnings to a success JSON as MW ResponseWriter.addWarnings does:
 * `warnings` is one object (one warning) or an array, and the first warning
 * also fills the top-level error fields "for compatibility" unless an error
 * is already there — so a success with warnings carries `data` and `code`.
 */
export function addWarnings(json: Record<string, unknown>, warnings: readonly OxError[] | undefined): Record<string, unknown> {
  if (!warnings || warnings.length === 0) return json;
  const written = warnings.map((w) => errorEnvelope(w, 'WARNING'));
  json.warnings = written.length === 1 ? written[0] : written;
  if (json.error === undefined || json.error === null) Object.assign(json, written[0]);
  return json;
}

/** Turns anything thrown in a module into an OX error (unknown failures become SRV-0001). */
export function toOxError(error: unknown): OxError {
  if (error instanceof OxError) return error;
  return new OxError('SRV-0001', [error instanceof Error ? error.message : String(error)], { cause: error });
}

export interface SuccessEnvelope {
  data: unknown;
  timestamp?: number;
  warnings?: ErrorEnvelope | ErrorEnvelope[];
}

export function successEnvelope(data: unknown, timestamp?: number, warnings?: readonly OxError[]): SuccessEnvelope {
  const json: Record<string, unknown> = timestamp === undefined ? { data } : { data, timestamp };
  return addWarnings(json, warnings) as unknown as SuccessEnvelope;
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
