// Fiks IO on the wire, as KS's public clients name it (ks-no/fiks-io-commons FiksIOHeaders,
// ks-no/fiks-io-klient-java, ks-no.github.io fiksio.md): one queue per account, `fiksio.konto.<kontoId>`,
// reached through the default exchange with the queue as routing key; the receiving account is read
// back from the routing key; message facts travel as AMQP headers; `resendt` is the redelivered bit.

import { createHash } from 'node:crypto';

const KONTO_QUEUE_PREFIX = 'fiksio.konto.';

const HEADERS = {
  avsenderId: 'avsender-id',
  meldingId: 'melding-id',
  type: 'type',
  svarTil: 'svar-til',
  svarTilType: 'svar-til-type',
  klientKorrelasjonsId: 'klient-korrelasjonsid',
  egendefinertPrefix: 'egendefinert-header.',
  // The concern-report protocol's own headers (fiks-io-bekymringsmelding-protokoll).
  bydelRessursId: 'bydel-ressurs-id',
  bekymringsmeldingId: 'bekymringsmelding-id',
} as const;

/** What the platform itself sends a sender when its message was not handled. */
const KVITTERING_TYPES = {
  tidsavbrudd: 'no.ks.fiks.kvittering.tidsavbrudd',
  serverfeil: 'no.ks.fiks.kvittering.serverfeil.v1',
} as const;

/** Deliveries without ack (or nack-with-requeue) before the platform gives up with `serverfeil`. */
const MAX_DELIVERIES = 3;

/** KS recommends 24 hours of TTL for concern reports. */
const RECOMMENDED_TTL_MS = 24 * 60 * 60 * 1000;

function kontoQueue(kontoId: string): string {
  return KONTO_QUEUE_PREFIX + kontoId;
}

/** The account id in a routing key, or undefined when the key is not an account queue. */
function kontoIdOf(routingKey: string): string | undefined {
  return routingKey.startsWith(KONTO_QUEUE_PREFIX) ? routingKey.slice(KONTO_QUEUE_PREFIX.length) : undefined;
}

/**
 * Fiks IO account ids are UUIDs. A scenario names its receivers ("oslo"), so each name maps to a
 * stable name-based UUID (version 5 shape over SHA-1), the same on every run and machine.
 */
function kontoIdFor(name: string): string {
  const h = createHash('sha1').update(`kvittering:fiks-io:${name}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Custom headers travel prefixed; a client reads them back without the prefix. */
function egendefinerteHeadere(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(headers)) {
    const text = headerText(headers, key);
    if (key.startsWith(HEADERS.egendefinertPrefix) && text !== undefined) out[key.slice(HEADERS.egendefinertPrefix.length)] = text;
  }
  return out;
}

/** A header's text: amqplib hands long strings back as Buffers. */
function headerText(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export {
  KONTO_QUEUE_PREFIX, HEADERS, KVITTERING_TYPES, MAX_DELIVERIES, RECOMMENDED_TTL_MS,
  kontoQueue, kontoIdOf, kontoIdFor, egendefinerteHeadere, headerText,
};
