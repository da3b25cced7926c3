// A Fiks IO receiver's reply goes to the portal's own account queue, not straight to the receipt link:
// the send API checks the accounts, publishes, and answers only once the broker confirmed; the receipt
// reaches the link (and the ledger) when the portal consumes the reply. The storage check begins at the
// send, when the receiver made its claim, and the counts the live runner waits on must come back to 0.

import { describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { HttpError } from '../../simulators/http/http-error.js';
import { feilmeldingAsice, type FiksIoSend } from '../../simulators/portal/http/fiks-io-send.js';
import { MESSAGE_TYPES } from '../../simulators/portal/http/wire.js';
import type { FiksIoReply } from '../../simulators/portal/http/portal-service.js';
import { serviceFixture } from '../support/portal-service-fixture.js';

const mottatt = (svarPaMelding: string, extra: Partial<FiksIoSend> = {}): FiksIoSend => ({
  meldingType: MESSAGE_TYPES.mottatt, svarPaMelding, mottakerKontoId: 'konto-portal', headere: {}, ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return (error as HttpError).toBody();
}

describe('the send API with the reply queue', () => {
  it('publishes the reply with both accounts, the answered type and only the optional parts given', async () => {
    const { service, published, account } = serviceFixture({ replies: true });
    const pub = service.submit('bergen', 'public');
    const priv = service.submit('bergen', 'private');
    const first = await service.send(account('bergen'), mottatt(pub.id));
    const data = feilmeldingAsice('Lagring feilet');
    const second = await service.send(account('bergen'), {
      meldingType: MESSAGE_TYPES.feilet, svarPaMelding: priv.id, avsenderKontoId: 'konto-bergen', mottakerKontoId: 'konto-portal',
      headere: { 'x-a': 'b' }, ttl: 60_000, melding: 'Lagring feilet', data,
    });
    expect(published).toEqual([
      { meldingId: first.meldingId, avsenderKontoId: 'konto-bergen', mottakerKontoId: 'konto-portal', meldingType: MESSAGE_TYPES.mottatt, svarPaMelding: pub.id, svarTilType: MESSAGE_TYPES.offentlig, headere: {} },
      { meldingId: second.meldingId, avsenderKontoId: 'konto-bergen', mottakerKontoId: 'konto-portal', meldingType: MESSAGE_TYPES.feilet, svarPaMelding: priv.id, svarTilType: MESSAGE_TYPES.privat, headere: { 'x-a': 'b' }, ttl: 60_000, data },
    ]);
    expect(Object.keys(published[0] as object)).not.toContain('ttl');
    expect(Object.keys(published[0] as object)).not.toContain('data');
    expect(first.meldingId).not.toBe(second.meldingId);
    expect(service.pendingReplies).toBe(2);
  });

  it('refuses a reply addressed to another account than the portal\'s, naming mottakerKontoId', async () => {
    const { service, published, account } = serviceFixture({ replies: true });
    const { id } = service.submit('bergen', 'public');
    for (const mottakerKontoId of ['konto-annen', undefined]) {
      const send = mottatt(id);
      if (mottakerKontoId === undefined) delete send.mottakerKontoId;
      else send.mottakerKontoId = mottakerKontoId;
      expect(await refusal(service.send(account('bergen'), send))).toEqual({
        status: 400, error: 'E_HTTP_FIELD', field: 'metadata.mottakerKontoId',
        message: `[kvittering] E_HTTP_FIELD: metadata.mottakerKontoId is ${mottakerKontoId === undefined ? 'missing' : '"konto-annen"'} — expected the portal's account konto-portal (the avsender-id of the message answered)`,
      });
    }
    expect(published).toEqual([]);
  });

  it('refuses a reply that names another sender account than the integration\'s own, naming avsenderKontoId', async () => {
    const { service, published, account } = serviceFixture({ replies: true });
    const { id } = service.submit('bergen', 'public');
    expect(await refusal(service.send(account('bergen'), mottatt(id, { avsenderKontoId: 'konto-oslo' })))).toEqual({
      status: 400, error: 'E_HTTP_FIELD', field: 'metadata.avsenderKontoId',
      message: '[kvittering] E_HTTP_FIELD: metadata.avsenderKontoId is "konto-oslo" — expected this integration\'s own account konto-bergen',
    });
    expect(published).toEqual([]);
  });

  it('refuses a reply to another receiver\'s message as an unknown shipment', async () => {
    const { service, published, account } = serviceFixture({ replies: true });
    const { id } = service.submit('oslo', 'public');
    expect(await refusal(service.send(account('bergen'), mottatt(id)))).toMatchObject({ status: 404, field: 'id' });
    expect(published).toEqual([]);
  });

  it('holds the reply as unconsumed, with its storage check running, while the broker confirms', async () => {
    const { service, publishing, account, checks } = serviceFixture({ replies: true, checked: true });
    const { id, msg } = service.submit('bergen', 'public');
    const seen: number[][] = [];
    publishing.during = () => seen.push([service.pendingReplies, service.pendingReceiptChecks]);
    await service.send(account('bergen'), mottatt(id));
    expect(seen).toEqual([[1, 1]]);
    expect(checks.map((c) => c.msg)).toEqual([msg]);
  });

  it('answers 503 naming the broker when the publish is not confirmed, and forgets the reply and its check', async () => {
    const { service, publishing, account, checks, settle, ledger } = serviceFixture({ replies: true, checked: true });
    const { id } = service.submit('bergen', 'public');
    publishing.fail = new Error(`channel closed ${'x'.repeat(200)}`);
    expect(await refusal(service.send(account('bergen'), mottatt(id)))).toEqual({
      status: 503, error: 'E_BROKER', field: 'broker',
      message: `[kvittering] E_BROKER: the broker did not confirm the reply (${`channel closed ${'x'.repeat(200)}`.slice(0, 120)}) — expected a publisher confirm from the portal's account queue; send it again`,
    });
    expect(service.pendingReplies).toBe(0);
    expect(service.pendingReceiptChecks).toBe(1);
    checks[0]?.resolve(true);
    await settle();
    expect(service.pendingReceiptChecks).toBe(0);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);

    publishing.fail = 'nack';
    expect(await refusal(service.send(account('bergen'), mottatt(id)))).toMatchObject({ status: 503, message: expect.stringContaining('reply (nack) —') as unknown });
  });

  it('answers 503 when the broker fails after the portal already consumed the reply, and the receipt stands', async () => {
    const { service, publishing, published, account, checks, settle, ledger } = serviceFixture({ replies: true, checked: true });
    const { id, msg } = service.submit('bergen', 'public');
    let consuming: Promise<string | undefined> | undefined;
    publishing.during = () => {
      const reply = published.at(-1) as FiksIoReply;
      consuming = service.replyConsumed({ avsenderId: reply.avsenderKontoId, meldingId: reply.meldingId, type: reply.meldingType, svarTil: reply.svarPaMelding });
    };
    publishing.fail = new Error('confirm lost');
    expect(await refusal(service.send(account('bergen'), mottatt(id)))).toMatchObject({ status: 503, field: 'broker' });
    checks[0]?.resolve(true);
    expect(await consuming).toBeUndefined();
    await settle();
    expect([service.pendingReplies, service.pendingReceiptChecks]).toEqual([0, 0]);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg, receipt: 'mottatt', committed: true }]);
  });

  it('answers 503 without a storage check to wait for when the service has none', async () => {
    const { service, publishing, account } = serviceFixture({ replies: true });
    const { id } = service.submit('bergen', 'public');
    publishing.fail = new Error('gone');
    expect(await refusal(service.send(account('bergen'), mottatt(id)))).toMatchObject({ status: 503, field: 'broker' });
    expect(service.pendingReplies).toBe(0);
    expect(service.pendingReceiptChecks).toBe(0);
  });

  it('sends a non-Fiks IO receiver\'s reply straight to its receipt link', async () => {
    const { service, published, account, ledger } = serviceFixture({ replies: true });
    const { id, msg } = service.submit('oslo', 'public');
    const { meldingId } = await service.send(account('oslo'), { meldingType: MESSAGE_TYPES.feilet, svarPaMelding: id, headere: {} });
    expect(meldingId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(published).toEqual([]);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg, receipt: 'feilet', committed: false }]);
    expect(service.kontoIdOf('oslo')).toBeUndefined();
    expect(service.kontoIdOf('bergen')).toBe('konto-bergen');
  });

  it('sends every reply straight to the receipt link when the portal has no reply queue', async () => {
    const { service, account, ledger } = serviceFixture();
    const { id, msg } = service.submit('bergen', 'public');
    await service.send(account('bergen'), mottatt(id));
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg, receipt: 'mottatt', committed: true }]);
    expect(service.kontoIdOf('bergen')).toBeUndefined();
  });
});

describe('consuming a reply off the portal\'s queue', () => {
  const consumed = (svarTil: string, extra: Partial<{ avsenderId: string; meldingId: string; type: string }> = {}) => ({
    avsenderId: 'konto-bergen', meldingId: 'm-1', type: MESSAGE_TYPES.mottatt, svarTil, ...extra,
  });

  it('names why a reply is not the portal\'s: an unknown sender, a type it does not read, a message not sent to that receiver', async () => {
    const { service, ledger } = serviceFixture({ replies: true });
    const own = service.submit('bergen', 'public');
    const foreign = service.submit('oslo', 'public');
    expect(await service.replyConsumed(consumed(own.id, { avsenderId: `konto-${'z'.repeat(60)}` }))).toBe(`avsender-id ${JSON.stringify(`konto-${'z'.repeat(60)}`.slice(0, 40))} is no Fiks IO receiver's account`);
    expect(await service.replyConsumed(consumed(own.id, { avsenderId: 'oslo' }))).toBe('avsender-id "oslo" is no Fiks IO receiver\'s account');
    expect(await service.replyConsumed(consumed(own.id, { type: `${MESSAGE_TYPES.offentlig}${'y'.repeat(40)}` }))).toBe(`type ${JSON.stringify(`${MESSAGE_TYPES.offentlig}${'y'.repeat(40)}`.slice(0, 60))} is not a reply the portal reads`);
    expect(await service.replyConsumed(consumed(foreign.id))).toBe(`svar-til "${foreign.id.slice(0, 40)}" is no message sent to bergen`);
    expect(await service.replyConsumed(consumed('6b766974-0000-4000-8000-00000000ffff'))).toBe('svar-til "6b766974-0000-4000-8000-00000000ffff" is no message sent to bergen');
    expect(await service.replyConsumed(consumed(`not-a-uuid-${'w'.repeat(40)}`))).toBe(`svar-til "${`not-a-uuid-${'w'.repeat(40)}`.slice(0, 40)}" is no message sent to bergen`);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);
  });

  it('puts a consumed mottatt or feilet in the receiver\'s link as the storage check found it, and only then resolves', async () => {
    const { service, account, checks, settle, ledger } = serviceFixture({ replies: true, checked: true });
    const a = service.submit('bergen', 'public');
    const b = service.submit('bergen', 'private');
    const first = await service.send(account('bergen'), mottatt(a.id));
    const second = await service.send(account('bergen'), { ...mottatt(b.id), meldingType: MESSAGE_TYPES.feilet });
    expect([service.pendingReplies, service.pendingReceiptChecks]).toEqual([2, 2]);
    let done = false;
    const consuming = service.replyConsumed(consumed(a.id, { meldingId: first.meldingId })).then((r) => { done = true; return r; });
    await settle();
    expect(done).toBe(false);
    expect(service.pendingReplies).toBe(1);
    checks[0]?.resolve(false);
    expect(await consuming).toBeUndefined();
    expect(service.pendingReceiptChecks).toBe(1);
    checks[1]?.resolve(true);
    expect(await service.replyConsumed(consumed(b.id, { meldingId: second.meldingId, type: MESSAGE_TYPES.feilet }))).toBeUndefined();
    expect([service.pendingReplies, service.pendingReceiptChecks]).toEqual([0, 0]);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.msg, e.receipt, e.committed])).toEqual([[a.msg, 'mottatt', false], [b.msg, 'feilet', true]]);
    expect(checks).toHaveLength(2);
  });

  it('begins a storage check at consumption for a reply published before this portal started', async () => {
    const { service, checks, ledger } = serviceFixture({ replies: true, checked: true });
    const { id, msg } = service.submit('bergen', 'public');
    const consuming = service.replyConsumed(consumed(id, { meldingId: 'from-an-earlier-run' }));
    expect(checks.map((c) => c.msg)).toEqual([msg]);
    expect(service.pendingReceiptChecks).toBe(1);
    checks[0]?.reject(new Error('database down'));
    expect(await consuming).toBeUndefined();
    expect(service.pendingReceiptChecks).toBe(0);
    // A check that fails counts as not stored.
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg, receipt: 'mottatt', committed: false }]);
  });

  it('without a storage check records the receiver\'s claim: mottatt committed, feilet not', async () => {
    const { service, ledger } = serviceFixture({ replies: true });
    const a = service.submit('bergen', 'public');
    const b = service.submit('bergen', 'public');
    expect(await service.replyConsumed(consumed(a.id))).toBeUndefined();
    expect(await service.replyConsumed(consumed(b.id.toUpperCase(), { type: MESSAGE_TYPES.feilet }))).toBeUndefined();
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.msg, e.receipt, e.committed])).toEqual([[a.msg, 'mottatt', true], [b.msg, 'feilet', false]]);
  });

  it('names an unknown sender even when the portal has no reply queue', async () => {
    const { service } = serviceFixture();
    const { id } = service.submit('bergen', 'public');
    expect(await service.replyConsumed(consumed(id))).toBe('avsender-id "konto-bergen" is no Fiks IO receiver\'s account');
  });
});
