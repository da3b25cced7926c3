// The live portal with a Fiks IO receiver on the real RabbitMQ, read with a plain AMQP client: the
// queue, headers, expiration and ASiC-E payload a vendor's client sees; and what the portal does with
// the platform's tidsavbrudd and serverfeil (fail, print) and with a mottatt through the send API.

import { X509Certificate, privateDecrypt, publicEncrypt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelModel } from 'amqplib';
import { servePortal, type RunningPortal } from '../../harness/live/serve-portal.js';
import { connectBroker, type ScratchVhost } from '../../harness/live/fiks-io/broker.js';
import { readAsice, firstEntryName, ASICE_MIMETYPE } from '../../simulators/portal/http/asice.js';
import { HEADERS, headerText, kontoIdFor, kontoQueue } from '../../harness/live/fiks-io/fiks-io-protocol.js';
import { PORTAL_ACCOUNT } from '../../harness/live/fiks-io/fiks-io-portal-transport.js';
import { parseMessageUuid } from '../../simulators/portal/http/wire.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { judgeStored } from '../../harness/live/judge-stored.js';
import { BROKER_URL, brokerSkipReason, nextMessage, scratchVhost, waitFor } from '../support/broker.js';

const skip = await brokerSkipReason();
const MS_PER_DAY = 4_000;
const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'test-only-1', style: 'push' as const };

async function submit(portal: RunningPortal, type: 'offentlig' | 'privat' = 'privat'): Promise<{ id: string; msg: number }> {
  const response = await fetch(`${portal.url}/bekymringsmelding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune: 'oslo', type }) });
  expect(response.status).toBe(202);
  const { id } = await response.json() as { id: string };
  return { id, msg: parseMessageUuid(id) as number };
}

function entriesFor(portal: RunningPortal, msg: number): LedgerEntry[] {
  return portal.ledger.entries.filter((e) => 'msg' in e && e.msg === msg);
}

describe.skipIf(skip !== undefined)(skip ?? 'the live portal delivering over Fiks IO', () => {
  let vhost: ScratchVhost;
  let client: ChannelModel;
  let channel: Channel;
  const started: RunningPortal[] = [];

  async function portal(ttlDays: number, deadlineDays = 2): Promise<RunningPortal> {
    const running = await servePortal({
      receivers: [oslo], msPerVirtualDay: MS_PER_DAY,
      portal: { receiptDeadlineMs: deadlineDays * 86_400_000 },
      fiksIo: { brokerUrl: vhost.url, receivers: ['oslo'], ttlMs: ttlDays * 86_400_000 },
    });
    started.push(running);
    return running;
  }

  // One portal at a time reads the portal account's queue: a test stops its own before the next starts.
  async function stop(running: RunningPortal): Promise<void> {
    started.splice(started.indexOf(running), 1);
    await running.close();
  }

  beforeAll(async () => {
    vhost = await scratchVhost(BROKER_URL);
    client = await connectBroker(vhost.url);
    channel = await client.createChannel();
  });

  afterAll(async () => {
    for (const p of started) await p.close();
    await client.close().catch(() => undefined);
    await vhost.drop();
  });

  it('publishes to fiksio.konto.<kontoId> with Fiks IO headers, the TTL as expiration, and an ASiC-E payload', async () => {
    const running = await portal(1, 30);
    const { id, msg } = await submit(running, 'offentlig');
    const m = await nextMessage(channel, kontoQueue(kontoIdFor('oslo')), 5_000);
    expect(m, 'a message on the account queue').toBeDefined();
    if (m === undefined) return;
    expect(m.fields.routingKey).toBe(`fiksio.konto.${kontoIdFor('oslo')}`);
    expect(m.fields.exchange).toBe('');
    expect(m.fields.redelivered).toBe(false);
    expect(m.properties.expiration).toBe(String(MS_PER_DAY)); // 24 h of virtual time
    expect(m.properties.deliveryMode).toBe(2);
    expect(m.properties.contentType).toBe(ASICE_MIMETYPE);
    const h = m.properties.headers;
    expect(headerText(h, HEADERS.meldingId)).toBe(id);
    expect(headerText(h, HEADERS.type)).toBe('no.ks.fiks.bekymringsmelding.offentlig.v1');
    expect(headerText(h, HEADERS.avsenderId)).toBe(kontoIdFor(PORTAL_ACCOUNT));
    expect(headerText(h, HEADERS.bekymringsmeldingId)).toBe(id);
    expect(headerText(h, HEADERS.klientKorrelasjonsId)).toBe(id);
    expect(firstEntryName(m.content)).toBe('mimetype');
    const documents = readAsice(m.content);
    expect([...documents.keys()].sort()).toEqual(['bekymringsmelding.json', 'bekymringsmelding.pdf']);
    const json = JSON.parse(new TextDecoder().decode(documents.get('bekymringsmelding.json'))) as Record<string, unknown>;
    expect(json).toMatchObject({ testdata: true, bekymringsmeldingId: msg, kommune: 'oslo', meldertype: 'offentlig' });
    expect(new TextDecoder().decode(documents.get('bekymringsmelding.pdf')?.subarray(0, 8))).toBe('%PDF-1.4');
    // mottatt through the send API, multipart as fiks-io-send-klient sends it: receipted, no print.
    const form = new FormData();
    form.set('metadata', JSON.stringify({ avsenderKontoId: kontoIdFor('oslo'), mottakerKontoId: kontoIdFor(PORTAL_ACCOUNT), meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: id, ttl: 86_400_000, headere: {} }));
    const basicAuth = `Basic ${Buffer.from('oslo-fagsystem:test-only-1').toString('base64')}`;
    const token = await (await fetch(`${running.url}/token`, { method: 'POST', headers: { authorization: basicAuth }, body: 'grant_type=client_credentials' })).json() as { access_token: string };
    const sent = await fetch(`${running.url}/fiks-io/api/v1/send`, { method: 'POST', headers: { integrasjonid: 'oslo-fagsystem', integrasjonpassord: 'test-only-1', authorization: `Bearer ${token.access_token}` }, body: form });
    expect(sent.status).toBe(202);
    expect(await waitFor(() => entriesFor(running, msg).some((e) => e.kind === 'receipt'), 3_000)).toBe(true);
    expect(entriesFor(running, msg).map((e) => e.kind)).toEqual(['send', 'deliver', 'receipt-sent', 'receipt']);
    await stop(running);
  });

  it('serves each account\'s X.509 test certificate in the catalogue, as KontoOffentligNokkel', async () => {
    const running = await portal(1, 30);
    const response = await fetch(`${running.url}/fiks-io/katalog/api/v1/kontoer/${kontoIdFor('oslo')}/offentligNokkel`);
    expect(response.status).toBe(200);
    const body = await response.json() as Record<string, string>;
    const x509 = new X509Certificate(body.Nokkel as string);
    expect(x509.subject).toContain(`CN=fiksio-konto-${kontoIdFor('oslo')}`);
    expect(body).toMatchObject({ serial: x509.serialNumber, subjectDN: expect.stringContaining('TESTDATA') as unknown });
    expect(Date.parse(body.validTo as string)).toBeGreaterThan(Date.now());
    // Encrypting to it works with the key the portal keeps for the account.
    const secret = publicEncrypt(x509.publicKey, Buffer.from('bekymringsmelding'));
    const key = running.fiksIo?.certificates.get(kontoIdFor('oslo'))?.privateKeyPem as string;
    expect(privateDecrypt(key, secret).toString()).toBe('bekymringsmelding');
    const unknown = await fetch(`${running.url}/fiks-io/katalog/api/v1/kontoer/${kontoIdFor('nowhere')}/offentligNokkel`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ field: 'kontoId' });
    await stop(running);
  });

  it('turns an expired TTL into tidsavbrudd, a failed message and a printed letter — before the receipt deadline', async () => {
    const running = await portal(0.1, 30); // 0.1 day = 400 ms of wall time
    const { msg } = await submit(running);
    expect(await waitFor(() => entriesFor(running, msg).some((e) => e.kind === 'fallback'), 5_000)).toBe(true);
    const facts = entriesFor(running, msg);
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'transport', response: 'expired' }));
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'portal-failed', reason: 'ttl-expired' }));
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'fallback', outcome: 'printed' }));
    // Nobody consumed, nothing is stored: the oracle calls it what it is.
    const judgement = judgeStored({ entries: running.ledger.entries, rows: [], virtualAtEpoch: (e) => running.clock.virtualAtEpoch(e), receiver: 0, horizonMs: running.clock.now() });
    expect(judgement.messages.find((f) => f.msg === msg)?.fate).toBe('fallback');
    await stop(running);
  });

  it('turns 3 deliveries without ack into serverfeil, a failed message and a printed letter', async () => {
    const running = await portal(1, 30);
    const { msg } = await submit(running);
    const queue = kontoQueue(kontoIdFor('oslo'));
    for (let i = 0; i < 3; i++) {
      const consumer = await client.createChannel();
      const m = await nextMessage(consumer, queue, 3_000, false);
      expect(m?.fields.redelivered, `delivery ${i + 1}`).toBe(i > 0);
      await consumer.close(); // a consumer that never acks, restarted
    }
    expect(await waitFor(() => entriesFor(running, msg).some((e) => e.kind === 'fallback'), 5_000)).toBe(true);
    const facts = entriesFor(running, msg);
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'transport', response: 'delivery-limit' }));
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'portal-failed', reason: 'max-deliveries' }));
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'fallback', outcome: 'printed' }));
    await stop(running);
  });
});
