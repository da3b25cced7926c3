// Push delivery (Fiks IO) from the portal's side: when each attempt leaves and arrives, what the
// receiver's transport answer does (ack, nack, nack-with-requeue, none), how many attempts the portal
// makes before it gives up and prints, and that late or stale answers change nothing. Exact instants
// from defaultPortalConfig: 50 ms latency, 30 s answer timeout, 5 min between attempts, 3 attempts.

import { describe, expect, it } from 'vitest';
import { Ledger } from '../../harness/ledger/ledger.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { DAY_MS, MINUTE_MS, SECOND_MS } from '../../harness/runtime/time.js';
import { KvitteringError } from '../../harness/errors.js';
import { portalRig } from '../support/portal-rig.js';
import { appendedKinds } from '../support/appended-kinds.js';

const TIMEOUT = 30 * SECOND_MS;
const REDELIVERY = 5 * MINUTE_MS;

describe('portal push delivery', () => {
  it('records the send and the first attempt, which arrives after the link latency', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(7, 0, 1_000);
    rig.run(DAY_MS);
    expect(rig.facts('send', 'deliver', 'transport')).toStrictEqual([
      { t: 1_000, kind: 'send', msg: 7, receiver: 0, sender: 'public' },
      { t: 1_000, kind: 'deliver', msg: 7, attempt: 1, style: 'push', route: 'correct' },
      // The ack travels back over the link too: 50 ms out, 50 ms back.
      { t: 1_100, kind: 'transport', msg: 7, response: 'ack' },
    ]);
    expect(rig.endpoints[0]?.arrivals).toEqual([{ t: 1_050, msg: 7, attempt: 1, redelivered: false }]);
  });

  it('an ack ends delivery: one attempt, and the deadline decides if no receipt follows', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.run(3 * DAY_MS);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(1);
    expect(rig.facts('portal-failed')).toStrictEqual([{ t: 2 * DAY_MS, kind: 'portal-failed', msg: 1, reason: 'receipt-deadline' }]);
  });

  it('a plain nack discards the message silently: no retry, only the deadline prints it', () => {
    const rig = portalRig({ receivers: [{ script: ['nack'] }] });
    rig.send(1);
    rig.run(3 * DAY_MS);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(1);
    expect(rig.of('transport').map((e) => e.response)).toEqual(['nack']);
    expect(rig.facts('portal-failed', 'fallback')).toStrictEqual([
      { t: 2 * DAY_MS, kind: 'portal-failed', msg: 1, reason: 'receipt-deadline' },
      { t: 2 * DAY_MS, kind: 'fallback', msg: 1, outcome: 'printed' },
    ]);
  });

  it('without an answer it tries three times, 5 min after each 30 s timeout, then prints at once', () => {
    const rig = portalRig();
    rig.send(3);
    rig.run(DAY_MS);
    const second = TIMEOUT + REDELIVERY;
    const third = second + TIMEOUT + REDELIVERY;
    expect(rig.endpoints[0]?.arrivals).toEqual([
      { t: 50, msg: 3, attempt: 1, redelivered: false },
      { t: second + 50, msg: 3, attempt: 2, redelivered: true },
      { t: third + 50, msg: 3, attempt: 3, redelivered: true },
    ]);
    expect(rig.facts('deliver', 'transport', 'portal-failed', 'fallback')).toStrictEqual([
      { t: 0, kind: 'deliver', msg: 3, attempt: 1, style: 'push', route: 'correct' },
      { t: TIMEOUT, kind: 'transport', msg: 3, response: 'timeout' },
      { t: second, kind: 'deliver', msg: 3, attempt: 2, style: 'push', route: 'correct' },
      { t: second + TIMEOUT, kind: 'transport', msg: 3, response: 'timeout' },
      { t: third, kind: 'deliver', msg: 3, attempt: 3, style: 'push', route: 'correct' },
      { t: third + TIMEOUT, kind: 'transport', msg: 3, response: 'timeout' },
      { t: third + TIMEOUT, kind: 'portal-failed', msg: 3, reason: 'max-deliveries' },
      { t: third + TIMEOUT, kind: 'fallback', msg: 3, outcome: 'printed' },
    ]);
    expect(rig.portal.printed(3)).toBe(true);
  });

  it('nack-with-requeue counts as a failed attempt: redelivered after 5 min, up to maxDeliveries', () => {
    const rig = portalRig({ config: { maxDeliveries: 2 }, receivers: [{ script: ['nack-requeue'] }] });
    rig.send(4);
    rig.run(DAY_MS);
    expect(rig.endpoints[0]?.arrivals.map((a) => [a.t, a.attempt, a.redelivered])).toEqual([[50, 1, false], [100 + REDELIVERY + 50, 2, true]]);
    expect(rig.facts('transport', 'portal-failed')).toStrictEqual([
      { t: 100, kind: 'transport', msg: 4, response: 'nack-requeue' },
      { t: 100 + REDELIVERY + 100, kind: 'transport', msg: 4, response: 'nack-requeue' },
      { t: 100 + REDELIVERY + 100, kind: 'portal-failed', msg: 4, reason: 'max-deliveries' },
    ]);
  });

  it('an answer on the second attempt ends the retries', () => {
    const rig = portalRig({ receivers: [{ script: ['silent', 'ack'] }] });
    rig.send(5);
    rig.run(DAY_MS);
    expect(rig.endpoints[0]?.arrivals.map((a) => a.attempt)).toEqual([1, 2]);
    expect(rig.of('transport').map((e) => e.response)).toEqual(['timeout', 'ack']);
    expect(rig.facts('portal-failed')).toEqual([]);
  });

  it('an answer to an earlier attempt, arriving after the next attempt left, is ignored', () => {
    // Attempt 1 is answered 6 min late: attempt 2 is already out (and is never answered).
    const rig = portalRig({ receivers: [{ script: [{ answer: 'ack', afterMs: 6 * MINUTE_MS }, 'silent'] }] });
    rig.send(6);
    rig.run(DAY_MS);
    expect(rig.of('transport').map((e) => e.response)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(3);
    expect(rig.of('portal-failed').map((e) => e.reason)).toEqual(['max-deliveries']);
  });

  it('an ack that comes after the timeout but before the next attempt still stops the retries', () => {
    const rig = portalRig({ receivers: [{ script: [{ answer: 'ack', afterMs: TIMEOUT + 10 * SECOND_MS }] }] });
    rig.send(8);
    rig.run(DAY_MS);
    expect(rig.facts('transport')).toStrictEqual([
      { t: TIMEOUT, kind: 'transport', msg: 8, response: 'timeout' },
      { t: 50 + TIMEOUT + 10 * SECOND_MS + 50, kind: 'transport', msg: 8, response: 'ack' },
    ]);
    // The redelivery that the timeout scheduled finds the message no longer delivering.
    expect(rig.endpoints[0]?.arrivals).toHaveLength(1);
  });

  it('a second answer to the same attempt is recorded but changes nothing', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(9);
    rig.run(MINUTE_MS);
    rig.endpoints[0]?.responders[0]?.('nack-requeue');
    rig.run(DAY_MS);
    expect(rig.of('transport').map((e) => e.response)).toEqual(['ack', 'nack-requeue']);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(1);
  });

  it('a receipt before the transport answer: the answer is recorded and nothing more is sent', () => {
    const rig = portalRig({ config: { maxDeliveries: 1 }, receivers: [{ script: [{ answer: 'nack-requeue', afterMs: 1_000 }] }] });
    rig.send(10);
    rig.run(100);
    rig.portal.receipt(10, 'mottatt');
    rig.run(DAY_MS);
    expect(rig.of('transport').map((e) => e.response)).toEqual(['nack-requeue']);
    expect(rig.facts('portal-failed', 'fallback')).toEqual([]);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(1);
  });

  it('an ack after the receipt does not reopen the message: a second mottatt is a duplicate', () => {
    const rig = portalRig({ receivers: [{ script: [{ answer: 'ack', afterMs: 1_000 }] }] });
    rig.send(11);
    rig.run(100);
    rig.portal.receipt(11, 'mottatt');
    rig.run(MINUTE_MS);
    rig.portal.receipt(11, 'mottatt');
    expect(rig.of('receipt').map((e) => e.duplicate)).toEqual([false, true]);
    expect(rig.portal.exportFor(0).length).toBe(1);
  });

  it('the receipt cancels the pending answer timeout: no timeout, no retry', () => {
    const rig = portalRig();
    rig.send(12);
    rig.run(1_000);
    rig.portal.receipt(12, 'mottatt');
    rig.run(DAY_MS);
    expect(rig.facts('transport')).toEqual([]);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(1);
  });

  it('a brokered endpoint gets one publish and no timeout: the broker owns redelivery', () => {
    const rig = portalRig({ receivers: [{ brokered: true }] });
    rig.send(13, 0, 500);
    rig.run(DAY_MS);
    // Handed over synchronously, not after the link latency.
    expect(rig.endpoints[0]?.arrivals).toEqual([{ t: 500, msg: 13, attempt: 1, redelivered: false }]);
    expect(rig.facts('deliver', 'transport')).toStrictEqual([{ t: 500, kind: 'deliver', msg: 13, attempt: 1, style: 'push', route: 'correct' }]);
    rig.run(3 * DAY_MS);
    expect(rig.of('portal-failed').map((e) => e.reason)).toEqual(['receipt-deadline']);
  });

  it('an answer that comes after the purge is not recorded', () => {
    const rig = portalRig({ config: { retentionDays: 1 } });
    rig.send(14);
    rig.run(50);
    rig.portal.receipt(14, 'mottatt');
    rig.run(2 * DAY_MS);
    expect(rig.facts('purge')).toHaveLength(1);
    rig.endpoints[0]?.responders[0]?.('ack');
    rig.run(3 * DAY_MS);
    expect(rig.facts('transport')).toEqual([]);
  });

  it('a push receiver without a push endpoint is a topology error', () => {
    const rig = portalRig({ receivers: [{ noEndpoint: true }] });
    expect(() => rig.send(1)).toThrow(new KvitteringError('E_TOPOLOGY', 'receiver 0 has no push endpoint'));
  });

  it('a message for a receiver the portal does not know is a topology error', () => {
    const rig = portalRig();
    expect(() => rig.send(1, 3)).toThrow(new KvitteringError('E_TOPOLOGY', 'no receiver with index 3'));
  });

  it('does not build deliver and transport entries nobody keeps or folds', () => {
    const ledger = new Ledger(false);
    const seen: LedgerEntry['kind'][] = [];
    ledger.subscribe((e) => seen.push(e.kind), ['send', 'portal-failed']);
    const built = appendedKinds(ledger);
    const rig = portalRig({ ledger });
    rig.send(1);
    rig.run(DAY_MS);
    expect(seen).toEqual(['send', 'portal-failed']);
    expect(built).toEqual(['send', 'portal-failed', 'fallback']);
    // Every skipped entry still counts in the history: send, 3 deliver, 3 transport, failed, fallback.
    expect(ledger.count).toBe(9);
  });

  it('builds deliver and transport entries for a listener that folds them', () => {
    const ledger = new Ledger(false);
    const seen: string[] = [];
    ledger.subscribe((e) => seen.push(e.kind === 'transport' ? `transport ${e.response}` : e.kind), ['deliver', 'transport']);
    const built = appendedKinds(ledger);
    const rig = portalRig({ ledger, receivers: [{ script: ['ack'] }, { style: 'poll' }] });
    rig.send(1, 0);
    rig.send(2, 1);
    rig.run(MINUTE_MS);
    rig.portal.download(2);
    expect(seen).toEqual(['deliver', 'transport ack', 'deliver']);
    expect(built).toEqual(['send', 'deliver', 'send', 'transport', 'deliver']);
  });

  it('does not build a download\'s deliver entry when nobody folds deliveries', () => {
    const ledger = new Ledger(false);
    ledger.subscribe(() => undefined, ['send']);
    const built = appendedKinds(ledger);
    const rig = portalRig({ ledger, receivers: [{ style: 'poll' }] });
    rig.send(1);
    rig.portal.download(1);
    expect(built).toEqual(['send']);
    expect(ledger.count).toBe(2);
  });
});
