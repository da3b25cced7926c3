// A receiver's reply (mottatt / feilet) through the send API travels as on real Fiks IO: published to
// the portal's own account queue with Fiks IO's headers and a publisher confirm, consumed by the portal,
// and only then a receipt. Read with a plain AMQP client on the real RabbitMQ; one vhost per test.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelModel } from 'amqplib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { servePortal, waitPortalSettled, type RunningPortal } from '../../harness/live/serve-portal.js';
import { connectBroker, type ScratchVhost } from '../../harness/live/fiks-io/broker.js';
import { readAsice, ASICE_MIMETYPE } from '../../simulators/portal/http/asice.js';
import { feilmeldingAsice } from '../../simulators/portal/http/fiks-io-send.js';
import { HEADERS, headerText, kontoIdFor, kontoQueue } from '../../harness/live/fiks-io/fiks-io-protocol.js';
import { PORTAL_ACCOUNT } from '../../harness/live/fiks-io/fiks-io-portal-transport.js';
import { parseMessageUuid } from '../../simulators/portal/http/wire.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { BROKER_URL, brokerSkipReason, nextMessage, scratchVhost, waitFor } from '../support/broker.js';

const run = promisify(execFile);
const skip = await brokerSkipReason();
const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'test-only-1', style: 'push' as const };
const bergen = { receiver: 'bergen', username: 'bergen-fagsystem', password: 'test-only-2', style: 'push' as const };
const PORTAL_KONTO = kontoIdFor(PORTAL_ACCOUNT);
const MOTTATT = 'no.ks.fiks.bekymringsmelding.mottatt.v1';
const FEILET = 'no.ks.fiks.bekymringsmelding.feilet.v1';

describe.skipIf(skip !== undefined)(skip ?? 'replies through the portal\'s own Fiks IO queue', () => {
  let vhost: ScratchVhost;
  let client: ChannelModel;
  let channel: Channel;
  let running: RunningPortal;
  /** Each storage check the portal began, by message, in order. */
  let checks: number[];

  beforeEach(async () => {
    vhost = await scratchVhost(BROKER_URL, 'fiksreply-');
    client = await connectBroker(vhost.url);
    channel = await client.createChannel();
    checks = [];
    running = await servePortal({
      receivers: [oslo, bergen], msPerVirtualDay: 4_000, portal: { receiptDeadlineMs: 30 * 86_400_000 },
      fiksIo: { brokerUrl: vhost.url, receivers: ['oslo', 'bergen'] },
      committedCheck: (msg) => {
        checks.push(msg);
        return Promise.resolve(true);
      },
    });
  });

  afterEach(async () => {
    await running.close();
    await client.close().catch(() => undefined);
    await vhost.drop();
  });

  async function submit(kommune = 'oslo'): Promise<{ id: string; msg: number }> {
    const response = await fetch(`${running.url}/bekymringsmelding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune, type: 'privat' }) });
    const { id } = await response.json() as { id: string };
    return { id, msg: parseMessageUuid(id) as number };
  }

  async function send(metadata: Record<string, unknown>, data?: Uint8Array, account = oslo): Promise<{ status: number; body: Record<string, unknown> }> {
    const basicAuth = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;
    const token = await (await fetch(`${running.url}/token`, { method: 'POST', headers: { authorization: basicAuth }, body: 'grant_type=client_credentials' })).json() as { access_token: string };
    const form = new FormData();
    form.set('metadata', JSON.stringify(metadata));
    if (data !== undefined) form.set('data', new Blob([data]), 'feilmelding.asice');
    const response = await fetch(`${running.url}/fiks-io/api/v1/send`, {
      method: 'POST', body: form, headers: { integrasjonid: account.username, integrasjonpassord: account.password, authorization: `Bearer ${token.access_token}` },
    });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  }

  const reply = (meldingType: string, svarPaMelding: string, extra: Record<string, unknown> = {}) => ({
    avsenderKontoId: kontoIdFor('oslo'), mottakerKontoId: PORTAL_KONTO, meldingType, svarPaMelding, ttl: 86_400_000, headere: {}, ...extra,
  });

  const kinds = (msg: number) => running.ledger.entries.filter((e): e is LedgerEntry & { msg: number } => 'msg' in e && e.msg === msg).map((e) => e.kind);

  it('publishes a mottatt to fiksio.konto.<portal> with Fiks IO headers before its 202; the receipt comes from consuming it, the storage check from the send', async () => {
    const { id, msg } = await submit();
    expect(await nextMessage(channel, kontoQueue(kontoIdFor('oslo')), 5_000)).toBeDefined();
    await running.fiksIo?.kvitteringer?.pause();
    const sent = await send(reply(MOTTATT, id, { headere: { 'fagsystem-ref': 'sak-17' } }));
    expect(sent.status).toBe(202);
    expect(sent.body.meldingId).not.toBe(id);
    // Confirmed, not consumed: the check has begun (at the send), the receipt has not.
    expect(checks).toEqual([msg]);
    expect(running.live.service.pendingReplies).toBe(1);
    expect(kinds(msg)).toEqual(['send', 'deliver']);
    // What lies on the portal's queue, read with a plain client (and put back).
    const m = await nextMessage(channel, kontoQueue(PORTAL_KONTO), 3_000, false);
    expect(m, 'the reply on the portal\'s own queue').toBeDefined();
    if (m === undefined) return;
    expect(m.fields.routingKey).toBe(kontoQueue(PORTAL_KONTO));
    expect(m.properties.expiration).toBe('86400000');
    expect(m.properties.deliveryMode).toBe(2);
    const h = m.properties.headers;
    expect(headerText(h, HEADERS.avsenderId)).toBe(kontoIdFor('oslo'));
    expect(headerText(h, HEADERS.meldingId)).toBe(sent.body.meldingId);
    expect(headerText(h, HEADERS.type)).toBe(MOTTATT);
    expect(headerText(h, HEADERS.svarTil)).toBe(id);
    expect(headerText(h, HEADERS.svarTilType)).toBe('no.ks.fiks.bekymringsmelding.privat.v1');
    expect(headerText(h, 'egendefinert-header.fagsystem-ref')).toBe('sak-17');
    expect(m.content.byteLength).toBe(0);
    channel.nack(m, false, true);
    // Held back, the portal has not settled; consumed, it has, and the receipt is in.
    expect(await waitPortalSettled(running, 300)).toBe(false);
    await running.fiksIo?.kvitteringer?.resume();
    expect(await waitPortalSettled(running, 5_000)).toBe(true);
    expect(kinds(msg)).toContain('receipt-sent');
    expect(await waitFor(() => kinds(msg).includes('receipt'), 3_000)).toBe(true);
    expect(kinds(msg)).toEqual(['send', 'deliver', 'receipt-sent', 'receipt']);
    expect(running.fiksIo?.kvitteringer?.counts[MOTTATT]).toBe(1);
    expect(checks).toEqual([msg]);
    // Acked: nothing is left on the queue.
    expect(await nextMessage(channel, kontoQueue(PORTAL_KONTO), 300)).toBeUndefined();
  });

  it('carries feilet\'s ASiC-E (feilmelding.json) on the queue and turns it into a feilet receipt', async () => {
    const { id, msg } = await submit();
    await running.fiksIo?.kvitteringer?.pause();
    const sent = await send(reply(FEILET, id), feilmeldingAsice('Lagring i fagsystemet feilet'));
    expect(sent.status).toBe(202);
    const m = await nextMessage(channel, kontoQueue(PORTAL_KONTO), 3_000, false);
    expect(m?.properties.contentType).toBe(ASICE_MIMETYPE);
    const json = readAsice(m?.content ?? new Uint8Array()).get('feilmelding.json');
    expect(JSON.parse(new TextDecoder().decode(json))).toEqual({ melding: 'Lagring i fagsystemet feilet' });
    if (m !== undefined) channel.nack(m, false, true);
    await running.fiksIo?.kvitteringer?.resume();
    expect(await waitFor(() => kinds(msg).includes('receipt'), 5_000)).toBe(true);
    expect(running.ledger.entries).toContainEqual(expect.objectContaining({ kind: 'receipt-sent', msg, receipt: 'feilet' }));
  });

  it('refuses a reply to another account than the portal\'s, or from another account than the integration\'s, naming the field; nothing is published', async () => {
    const { id, msg } = await submit();
    await running.fiksIo?.kvitteringer?.pause();
    const elsewhere = await send(reply(MOTTATT, id, { mottakerKontoId: kontoIdFor('bergen') }));
    expect(elsewhere).toMatchObject({ status: 400, body: { field: 'metadata.mottakerKontoId', message: expect.stringContaining(PORTAL_KONTO) as unknown } });
    const missing = await send(reply(MOTTATT, id, { mottakerKontoId: undefined }));
    expect(missing).toMatchObject({ status: 400, body: { field: 'metadata.mottakerKontoId' } });
    const impostor = await send(reply(MOTTATT, id, { avsenderKontoId: kontoIdFor('bergen') }));
    expect(impostor).toMatchObject({ status: 400, body: { field: 'metadata.avsenderKontoId' } });
    // bergen's integration cannot answer oslo's report either.
    const foreign = await send(reply(MOTTATT, id, { avsenderKontoId: kontoIdFor('bergen') }), undefined, bergen);
    expect(foreign.status).toBe(404);
    expect(await nextMessage(channel, kontoQueue(PORTAL_KONTO), 300)).toBeUndefined();
    expect(running.live.service.pendingReplies).toBe(0);
    expect(kinds(msg)).toEqual(['send', 'deliver']);
  });

  it('answers 503 naming broker when the broker does not confirm the reply, and takes it once it does', async () => {
    const { id, msg } = await submit();
    // The broker nacks every publish to the portal's queue: RabbitMQ's own reject-publish overflow on
    // a full queue (a quorum queue takes one message past max-length 0, so one filler goes first).
    await running.fiksIo?.kvitteringer?.pause();
    const pattern = `^${kontoQueue(PORTAL_KONTO).replace(/\./g, '\\.')}$`;
    await run('rabbitmqctl', ['-q', 'set_policy', '-p', vhost.name, '--apply-to', 'queues', 'full', pattern, '{"max-length":0,"overflow":"reject-publish"}'], { timeout: 15_000 });
    const confirms = await client.createConfirmChannel();
    await new Promise<void>((resolve, reject) => confirms.sendToQueue(kontoQueue(PORTAL_KONTO), Buffer.from('filler'), {}, (error) => (error ? reject(new Error(String(error))) : resolve())));
    const refused = await send(reply(MOTTATT, id));
    expect(refused).toMatchObject({ status: 503, body: { field: 'broker', error: 'E_BROKER', message: expect.stringContaining('nacked') as unknown } });
    expect(running.live.service.pendingReplies).toBe(0);
    // Room again. (On 3.10.8 a quorum queue stays rejecting after clear_policy, even drained — measured;
    // a higher limit releases it.)
    await run('rabbitmqctl', ['-q', 'set_policy', '-p', vhost.name, '--apply-to', 'queues', 'full', pattern, '{"max-length":1000,"overflow":"reject-publish"}'], { timeout: 15_000 });
    await running.fiksIo?.kvitteringer?.resume();
    expect(kinds(msg)).toEqual(['send', 'deliver']);
    // The new limit reaches the queue shortly after set_policy returns; a client sends again.
    let taken = await send(reply(MOTTATT, id));
    for (let i = 0; i < 20 && taken.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      taken = await send(reply(MOTTATT, id));
    }
    expect(taken.status).toBe(202);
    expect(await waitFor(() => kinds(msg).includes('receipt'), 5_000)).toBe(true);
  });
});
