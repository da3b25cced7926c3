// What a receiver sends through Fiks IO's `POST /fiks-io/api/v1/send`, read as fiks-io-send-klient
// sends it: multipart with a `metadata` JSON part (avsenderKontoId, mottakerKontoId, meldingType,
// svarPaMelding, ttl, headere) and a `data` part; for `feilet` that part is an ASiC-E container
// holding feilmelding.json `{"melding": …}`. The older JSON body `{metadata, feilmelding?}` is still
// read. Each bad part is a 400 naming it.

import { HttpError } from '../../http/http-error.js';
import { oneOfField, readJsonObject, stringField } from '../../http/read-body.js';
import { readAsice, writeAsice } from './asice.js';
import { MESSAGE_TYPES } from './wire.js';

type ReplyType = typeof MESSAGE_TYPES.mottatt | typeof MESSAGE_TYPES.feilet;

interface FiksIoSend {
  meldingType: ReplyType;
  svarPaMelding: string;
  /** Absent in the older JSON body; checked against the accounts when the reply goes through the broker. */
  avsenderKontoId?: string;
  mottakerKontoId?: string;
  /** Wall ms the reply may wait on the queue. */
  ttl?: number;
  /** Custom headers (`egendefinert-header.*` on the wire). */
  headere: Record<string, string>;
  /** feilet: the feilmelding's text. */
  melding?: string;
  /** feilet: the ASiC-E container as sent (built from `feilmelding` for the JSON body). */
  data?: Uint8Array;
}

/** The largest TTL accepted: 7 days, the platform's longest. */
const MAX_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function parseObject(text: string, field: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw HttpError.field(field, text.slice(0, 40), 'a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw HttpError.field(field, value, 'a JSON object');
  return value as Record<string, unknown>;
}

function optionalKontoId(metadata: Record<string, unknown>, name: 'avsenderKontoId' | 'mottakerKontoId'): string | undefined {
  const value = metadata[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) throw HttpError.field(`metadata.${name}`, value, 'a Fiks IO account id (a UUID)');
  return value;
}

function readMetadata(metadata: Record<string, unknown>): Omit<FiksIoSend, 'melding' | 'data'> {
  const meldingType = oneOfField(metadata, 'meldingType', [MESSAGE_TYPES.mottatt, MESSAGE_TYPES.feilet]);
  const svarPaMelding = stringField(metadata, 'svarPaMelding', { maxLength: 64 });
  const ttl = metadata.ttl;
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isInteger(ttl) && ttl > 0 && ttl <= MAX_TTL_MS)) {
    throw HttpError.field('metadata.ttl', ttl, `the time to live in ms, an integer from 1 to ${MAX_TTL_MS}`);
  }
  const headere = metadata.headere ?? {};
  if (typeof headere !== 'object' || headere === null || Array.isArray(headere) || !Object.values(headere).every((v) => typeof v === 'string')) {
    throw HttpError.field('metadata.headere', headere, 'an object of string header values');
  }
  const avsenderKontoId = optionalKontoId(metadata, 'avsenderKontoId');
  const mottakerKontoId = optionalKontoId(metadata, 'mottakerKontoId');
  return {
    meldingType, svarPaMelding, headere: headere as Record<string, string>,
    ...(avsenderKontoId === undefined ? {} : { avsenderKontoId }),
    ...(mottakerKontoId === undefined ? {} : { mottakerKontoId }),
    ...(typeof ttl === 'number' ? { ttl } : {}),
  };
}

/** feilmelding.json inside the ASiC-E `data` part. */
function readFeilmelding(data: Uint8Array): string {
  let documents: Map<string, Uint8Array>;
  try {
    documents = readAsice(data);
  } catch (error) {
    throw HttpError.field('data', `${data.byteLength} bytes that are not ASiC-E (${error instanceof Error ? error.message.replace(/^\[kvittering\] \w+: /, '').slice(0, 80) : String(error)})`, 'an ASiC-E container holding feilmelding.json');
  }
  const json = documents.get('feilmelding.json');
  if (json === undefined) throw HttpError.field('data.feilmelding.json', undefined, `a feilmelding.json entry in the ASiC-E container (it holds ${[...documents.keys()].slice(0, 5).join(', ') || 'nothing'})`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw HttpError.field('data.feilmelding.json', 'not JSON', 'a JSON object {"melding": string}');
  }
  const melding = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).melding : undefined;
  if (typeof melding !== 'string') throw HttpError.field('data.feilmelding.json', value, 'a JSON object {"melding": string}');
  return melding;
}

/** An ASiC-E holding feilmelding.json, as a receiver's client builds it for `feilet`. */
function feilmeldingAsice(melding: string): Uint8Array {
  return writeAsice([{ name: 'feilmelding.json', mimetype: 'application/json', bytes: new TextEncoder().encode(JSON.stringify({ melding })) }]);
}

async function readMultipart(request: Request): Promise<FiksIoSend> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw HttpError.field('body', 'unparseable multipart', 'multipart/form-data with a "metadata" part');
  }
  const part = form.get('metadata');
  if (part === null) throw HttpError.field('metadata', undefined, 'a JSON part named "metadata"');
  // A client that sends the part with a file name gets it back as a File: its text is the same JSON.
  const send: FiksIoSend = readMetadata(parseObject(typeof part === 'string' ? part : await part.text(), 'metadata'));
  // A mottatt carries nothing; what a client attaches anyway is not read.
  if (send.meldingType !== MESSAGE_TYPES.feilet) return send;
  const data = form.get('data');
  if (data === null) throw HttpError.field('data', undefined, 'a data part: an ASiC-E container holding feilmelding.json');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(await data.arrayBuffer());
  return { ...send, melding: readFeilmelding(bytes), data: bytes };
}

async function readJson(request: Request): Promise<FiksIoSend> {
  const body = await readJsonObject(request);
  const inner = body.metadata;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw HttpError.field('body.metadata', inner, 'an object with meldingType and svarPaMelding');
  const send = readMetadata(inner as Record<string, unknown>);
  const feil = body.feilmelding;
  if (feil === undefined) return send;
  if (typeof feil !== 'object' || feil === null || typeof (feil as Record<string, unknown>).melding !== 'string') {
    throw HttpError.field('body.feilmelding', feil, 'an object {"melding": string} (feilmelding.json)');
  }
  const melding = (feil as { melding: string }).melding;
  return { ...send, melding, data: feilmeldingAsice(melding) };
}

async function readFiksIoSend(request: Request): Promise<FiksIoSend> {
  const type = request.headers.get('content-type') ?? '';
  return type.toLowerCase().startsWith('multipart/form-data') ? readMultipart(request) : readJson(request);
}

export { readFiksIoSend, feilmeldingAsice, readFeilmelding };
export type { FiksIoSend, ReplyType };
