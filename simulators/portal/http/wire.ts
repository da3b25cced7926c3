// The JSON shapes the portal speaks over HTTP, named as in KS's public documentation (SvarInn REST v1,
// Fiks IO, the bekymringsmelding protocol). Message ids travel as UUIDs, as on the real platform; a
// kvittering id is a version-4-shaped UUID whose first group spells "kvit" and whose last group holds
// the run's numeric message id, so any system can store it as a uuid and the oracle can read it back.

import type { SenderKind } from '../../../harness/ledger/entries.js';
import { KvitteringError } from '../../../harness/errors.js';

const MESSAGE_TYPES = {
  offentlig: 'no.ks.fiks.bekymringsmelding.offentlig.v1',
  privat: 'no.ks.fiks.bekymringsmelding.privat.v1',
  mottatt: 'no.ks.fiks.bekymringsmelding.mottatt.v1',
  feilet: 'no.ks.fiks.bekymringsmelding.feilet.v1',
} as const;

/** The largest numeric id a UUID carries (12 hex digits). */
const MAX_MESSAGE_ID = 0xffff_ffff_ffff;
const UUID_PREFIX = '6b766974-0000-4000-8000-';
const UUID_PATTERN = /^6b766974-0000-4000-8000-([0-9a-f]{12})$/;

function messageUuid(msg: number): string {
  if (!Number.isInteger(msg) || msg < 0 || msg > MAX_MESSAGE_ID) {
    throw new KvitteringError('E_MESSAGE_ID', `message id ${msg} — expected an integer from 0 to ${MAX_MESSAGE_ID}`);
  }
  return UUID_PREFIX + msg.toString(16).padStart(12, '0');
}

/** The numeric id inside a kvittering UUID; undefined for anything else (case-insensitive). */
function parseMessageUuid(text: string): number | undefined {
  const match = UUID_PATTERN.exec(text.toLowerCase());
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

function senderType(sender: SenderKind): 'offentlig' | 'privat' {
  return sender === 'public' ? 'offentlig' : 'privat';
}

/** SvarInn's file metadata. */
interface Filmetadata {
  filnavn: string;
  mimetype: string;
  sha256hash: string;
  size: number;
}

interface Adresse {
  navn: string;
  adresse1: string;
  postnr: string;
  poststed: string;
}

/** One shipment as `GET /mottaker/hentNyeForsendelser` lists it. */
interface Forsendelse {
  id: string;
  tittel: string;
  /** Epoch milliseconds, as SvarInn sends it. */
  date: number;
  avsender: Adresse;
  mottaker: Adresse & { orgnr: string };
  status: 'KLAR_FOR_MOTTAK';
  filmetadata: Filmetadata[];
  forsendelseType: string;
  eksternRef: string;
  downloadUrl: string;
}

/** What the portal POSTs to a push receiver (our HTTP rendition of a Fiks IO message). */
interface PushMessage {
  meldingId: string;
  meldingType: string;
  avsenderKontoId: string;
  mottakerKontoId: string;
  /** Epoch milliseconds of the report's submission. */
  sendtTidspunkt: number;
  /** Fiks IO's redelivered bit (`Resendt`). */
  resendt: boolean;
  /** The bekymringsmelding.json payload (synthetic). */
  bekymringsmelding: Record<string, unknown>;
}

/** A protocol receipt sent back through `POST /fiks-io/api/v1/send`. */
interface ReceiptMetadata {
  meldingType: typeof MESSAGE_TYPES.mottatt | typeof MESSAGE_TYPES.feilet;
  svarPaMelding: string;
}

/** Answer to a reporter's submission and to a status lookup. */
type ReportStatus = 'AKSEPTERT' | 'SENDT_FAGSYSTEM' | 'LEVERT' | 'AVVIST_FAGSYSTEM' | 'SENDT_PRINT' | 'SLETTET';

export { MESSAGE_TYPES, MAX_MESSAGE_ID, messageUuid, parseMessageUuid, senderType };
export type { Forsendelse, Filmetadata, PushMessage, ReceiptMetadata, ReportStatus };
