// Reading request bodies defensively: a size limit checked before and while reading, JSON that must be
// an object, and field checks that name the field and what was expected.

import { HttpError } from './http-error.js';

/** Default cap on a request body (a concern report's JSON is a few kB). */
const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

async function readText(request: Request, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limitBytes) throw tooLarge(limitBytes);
  if (request.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const value of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += value.byteLength;
    if (size > limitBytes) throw tooLarge(limitBytes); // leaving the loop cancels the stream
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/**
 * What readText gives for a body already read into memory (the http shell's direct routes): the same
 * limit on the declared and the real size, the same lenient UTF-8 decoding.
 */
function bodyText(bytes: Uint8Array, declaredLength: number, limitBytes = DEFAULT_BODY_LIMIT_BYTES): string {
  if (declaredLength > limitBytes || bytes.byteLength > limitBytes) throw tooLarge(limitBytes);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(413, 'E_HTTP_BODY_TOO_LARGE', `body is larger than ${limitBytes} bytes — expected at most ${limitBytes}`, 'body');
}

/** The body as a JSON object; an empty body is `{}` when `allowEmpty`. */
async function readJsonObject(request: Request, options: { allowEmpty?: boolean; limitBytes?: number } = {}): Promise<Record<string, unknown>> {
  return parseJsonObject(await readText(request, options.limitBytes), options.allowEmpty === true);
}

/** A body's text as a JSON object (readJsonObject's checks, for text already read). */
function parseJsonObject(text: string, allowEmpty = false): Record<string, unknown> {
  if (text.trim() === '' && allowEmpty) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'E_HTTP_JSON', `body is not valid JSON (${error instanceof Error ? error.message.slice(0, 80) : 'parse error'}) — expected a JSON object`, 'body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw HttpError.field('body', value, 'a JSON object');
  return value as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, name: string, options: { maxLength?: number; optional?: false } = {}): string {
  const value = body[name];
  const max = options.maxLength ?? 4096;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw HttpError.field(`body.${name}`, value, `a non-empty string of at most ${max} characters`);
  return value;
}

function booleanField(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean') throw HttpError.field(`body.${name}`, value, 'true or false');
  return value;
}

function oneOfField<T extends string>(body: Record<string, unknown>, name: string, options: readonly T[]): T {
  const value = body[name];
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) throw HttpError.field(`body.${name}`, value, `one of ${options.join(', ')}`);
  return value as T;
}

export { DEFAULT_BODY_LIMIT_BYTES, readText, readJsonObject, bodyText, parseJsonObject, stringField, booleanField, oneOfField };
