// Every error the HTTP services answer with: a status, a kvittering error code, the field at fault and
// what was expected, as one JSON shape. Handlers throw it; `errorResponse` renders it.

import { KvitteringError } from '../../harness/errors.js';

interface ErrorBody {
  status: number;
  error: string;
  message: string;
  field?: string;
  hint?: string;
}

class HttpError extends KvitteringError {
  constructor(
    readonly status: number,
    code: string,
    detail: string,
    readonly field?: string,
    hint?: string,
    /** A 401's WWW-Authenticate challenge (RFC 9110 §11.6.1); Basic unless the route expects a token. */
    readonly challenge?: string,
  ) {
    super(code, detail, hint);
  }

  /** A 400 for one field: `body.permanent is "yes" — expected true or false`. */
  static field(field: string, value: unknown, expected: string, hint?: string): HttpError {
    const shown = value === undefined ? 'missing' : (JSON.stringify(value) as string | undefined)?.slice(0, 80) ?? typeof value;
    return new HttpError(400, 'E_HTTP_FIELD', `${field} is ${shown} — expected ${expected}`, field, hint);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { status: this.status, error: this.code, message: this.message.split('\nHint:')[0] ?? this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.hint !== undefined) body.hint = this.hint;
    return body;
  }
}

const BASIC_CHALLENGE = 'Basic realm="kvittering", charset="UTF-8"';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

function errorResponse(error: HttpError, headers: Record<string, string> = {}): Response {
  return jsonResponse(error.status, error.toBody(), headers);
}

/** Turn whatever a handler threw into a JSON answer; an unexpected error is a 500 that names itself. */
function toErrorResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    return errorResponse(error, error.status === 401 ? { 'www-authenticate': error.challenge ?? BASIC_CHALLENGE } : {});
  }
  const detail = error instanceof Error ? error.message : String(error);
  return jsonResponse(500, { status: 500, error: 'E_INTERNAL', message: `[kvittering] E_INTERNAL: ${detail.slice(0, 200)}` });
}

export { HttpError, jsonResponse, errorResponse, toErrorResponse };
export type { ErrorBody };
