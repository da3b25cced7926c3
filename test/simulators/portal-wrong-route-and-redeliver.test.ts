// A message the portal sent down the wrong route (a channel nobody watches), the reconciliation's
// re-send on the correct route, and the broker's own failure reports (serverfeil, tidsavbrudd): where
// each attempt goes, what the ledger records, and that a finished message is not failed again.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../harness/runtime/time.js';
import { portalRig } from '../support/portal-rig.js';

describe('portal wrong route', () => {
  it('sends every message down the wrong route while the fault is at 100 %', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'], faults: { wrongRoutePct: 100 } }] });
    rig.send(1);
    rig.run(10 * MINUTE_MS);
    expect(rig.facts('deliver')).toStrictEqual([{ t: 0, kind: 'deliver', msg: 1, attempt: 1, style: 'push', route: 'wrong' }]);
    expect(rig.wrongRoutes[0]?.arrivals.map((a) => a.msg)).toEqual([1]);
    expect(rig.endpoints[0]?.arrivals).toEqual([]);
  });

  it('sends none down the wrong route without the fault', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    for (let id = 0; id < 20; id++) rig.send(id);
    rig.run(MINUTE_MS);
    expect(rig.wrongRoutes[0]?.arrivals).toEqual([]);
    expect(rig.endpoints[0]?.arrivals).toHaveLength(20);
  });

  it('at 50 % sends some messages each way, by the portal\'s seeded draw', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'], faults: { wrongRoutePct: 50 } }] });
    for (let id = 0; id < 40; id++) rig.send(id);
    rig.run(MINUTE_MS);
    const wrong = rig.wrongRoutes[0]?.arrivals.length ?? 0;
    expect(wrong).toBeGreaterThan(5);
    expect(wrong).toBeLessThan(35);
    expect(wrong + (rig.endpoints[0]?.arrivals.length ?? 0)).toBe(40);
  });

  it('pushes a polling receiver\'s wrongly routed message to the unwatched channel instead of listing it', () => {
    const rig = portalRig({ receivers: [{ style: 'poll', faults: { wrongRoutePct: 100 } }] });
    rig.send(1);
    expect(rig.portal.listNew(0)).toEqual([]);
    rig.run(MINUTE_MS);
    expect(rig.wrongRoutes[0]?.arrivals.map((a) => [a.msg, a.attempt])).toEqual([[1, 1]]);
    expect(rig.of('deliver').map((e) => [e.style, e.route])).toEqual([['push', 'wrong']]);
  });

  it('the re-send goes down the correct route, counting attempts from 1 again', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'], faults: { wrongRoutePct: 100 } }] });
    rig.send(1);
    rig.run(HOUR_MS);
    expect(rig.portal.redeliver(1)).toBe(true);
    rig.run(2 * HOUR_MS);
    expect(rig.facts('redeliver', 'deliver')).toStrictEqual([
      { t: 0, kind: 'deliver', msg: 1, attempt: 1, style: 'push', route: 'wrong' },
      { t: HOUR_MS, kind: 'redeliver', msg: 1, accepted: true },
      { t: HOUR_MS, kind: 'deliver', msg: 1, attempt: 1, style: 'push', route: 'correct' },
    ]);
    expect(rig.endpoints[0]?.arrivals).toEqual([{ t: HOUR_MS + 50, msg: 1, attempt: 1, redelivered: false }]);
  });

  it('the re-send of a polling receiver\'s message lists it again', () => {
    const rig = portalRig({ receivers: [{ style: 'poll', faults: { wrongRoutePct: 100 } }] });
    rig.send(1);
    rig.portal.redeliver(1);
    expect(rig.portal.listNew(0).map((h) => h.id)).toEqual([1]);
  });
});

describe('portal re-send after reconciliation', () => {
  it('an acked message that is re-sent is delivered again with retries: the re-send is a fresh delivery', () => {
    // Attempt 1 is acked; the re-send is never answered: 3 attempts, then max-deliveries.
    const rig = portalRig({ receivers: [{ script: ['ack', 'silent'] }] });
    rig.send(1);
    rig.run(HOUR_MS);
    rig.portal.redeliver(1);
    rig.run(DAY_MS);
    expect(rig.endpoints[0]?.arrivals.map((a) => a.attempt)).toEqual([1, 1, 2, 3]);
    expect(rig.facts('portal-failed')).toStrictEqual([{ t: HOUR_MS + 3 * 30 * SECOND_MS + 2 * 5 * MINUTE_MS, kind: 'portal-failed', msg: 1, reason: 'max-deliveries' }]);
  });

  it('a failed message that is re-sent stays failed: one push, no second failure, no second print', () => {
    const rig = portalRig({ receivers: [{ script: ['nack', 'silent'] }] });
    rig.send(1);
    rig.run(2 * DAY_MS);
    expect(rig.facts('portal-failed')).toHaveLength(1);
    expect(rig.portal.redeliver(1)).toBe(true);
    rig.run(3 * DAY_MS);
    expect(rig.endpoints[0]?.arrivals.map((a) => a.attempt)).toEqual([1, 1]);
    expect(rig.of('transport').map((e) => e.response)).toEqual(['nack', 'timeout']);
    expect(rig.facts('portal-failed')).toHaveLength(1);
    expect(rig.facts('fallback')).toHaveLength(1);
  });

  it('a receipted message that is re-sent stays receipted: its next mottatt is a duplicate', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.run(HOUR_MS);
    rig.portal.receipt(1, 'mottatt');
    rig.portal.redeliver(1);
    rig.run(2 * HOUR_MS);
    rig.portal.receipt(1, 'mottatt');
    expect(rig.of('receipt').map((e) => e.duplicate)).toEqual([false, true]);
    expect(rig.portal.exportFor(0).length).toBe(1);
  });

  it('a download of a receipted poll message that was re-sent keeps it receipted', () => {
    const rig = portalRig({ receivers: [{ style: 'poll' }] });
    rig.send(1);
    rig.portal.download(1);
    rig.portal.receipt(1, 'mottatt');
    rig.portal.redeliver(1);
    rig.portal.download(1);
    rig.portal.receipt(1, 'mottatt');
    expect(rig.of('receipt').map((e) => e.duplicate)).toEqual([false, true]);
    // The duplicate mottatt still takes it off the list, or it would be downloaded at every poll.
    expect(rig.portal.listNew(0)).toEqual([]);
  });

  it('a duplicate feilet for a re-listed poll message leaves it listed', () => {
    const rig = portalRig({ receivers: [{ style: 'poll' }] });
    rig.send(1);
    rig.portal.receipt(1, 'mottatt');
    rig.portal.redeliver(1);
    rig.portal.receipt(1, 'feilet', true);
    expect(rig.of('receipt').map((e) => e.duplicate)).toEqual([false, true]);
    expect(rig.portal.listNew(0).map((h) => h.id)).toEqual([1]);
    expect(rig.facts('portal-failed')).toEqual([]);
  });

  it('a download of the re-sent message ends the retries still pending on the wrong route', () => {
    // The unwatched channel never answers: its attempt 1 times out at 30 s and a retry is due at 5 min 30 s.
    // Reconciliation re-sends at 1 min and the receiver downloads it: the retry must not go out.
    const rig = portalRig({ receivers: [{ style: 'poll', wrongRouteScript: ['silent'], faults: { wrongRoutePct: 100 } }] });
    rig.send(1);
    rig.run(MINUTE_MS);
    rig.portal.redeliver(1);
    expect(rig.portal.download(1)?.id).toBe(1);
    rig.run(HOUR_MS);
    expect(rig.wrongRoutes[0]?.arrivals.map((a) => a.attempt)).toEqual([1]);
    expect(rig.of('deliver').map((e) => [e.t, e.style, e.route, e.attempt])).toEqual([[0, 'push', 'wrong', 1], [MINUTE_MS, 'poll', 'correct', 1]]);
  });

  it('a Fiks IO message fetched over SvarInn and later re-sent gets its full push retries', () => {
    // The download counts as attempt 2, so the answer to push attempt 1 is stale and nothing retries;
    // the re-send at 1 h is a fresh push delivery: 3 attempts, then max-deliveries.
    const rig = portalRig();
    rig.send(1);
    rig.run(10 * SECOND_MS);
    rig.portal.download(1);
    rig.run(HOUR_MS);
    expect(rig.of('transport')).toEqual([]);
    rig.portal.redeliver(1);
    rig.run(DAY_MS);
    expect(rig.endpoints[0]?.arrivals.map((a) => a.attempt)).toEqual([1, 1, 2, 3]);
    expect(rig.of('portal-failed').map((e) => [e.t, e.reason])).toEqual([[HOUR_MS + 3 * 30 * SECOND_MS + 2 * 5 * MINUTE_MS, 'max-deliveries']]);
  });

  it('refuses an id it never had', () => {
    const rig = portalRig();
    expect(rig.portal.redeliver(8)).toBe(false);
    expect(rig.ledger.entries).toStrictEqual([{ t: 0, kind: 'redeliver', msg: 8, accepted: false }]);
  });
});

describe('portal told by the broker that delivery failed', () => {
  it('tidsavbrudd (TTL) fails the message as ttl-expired and prints', () => {
    const rig = portalRig({ receivers: [{ brokered: true }] });
    rig.send(0); // id 0: index 0 of the portal's held messages, a valid index like any other
    rig.run(HOUR_MS);
    rig.portal.transportFailed(0, 'ttl-expired');
    expect(rig.facts('transport', 'portal-failed', 'fallback')).toStrictEqual([
      { t: HOUR_MS, kind: 'transport', msg: 0, response: 'expired' },
      { t: HOUR_MS, kind: 'portal-failed', msg: 0, reason: 'ttl-expired' },
      { t: HOUR_MS, kind: 'fallback', msg: 0, outcome: 'printed' },
    ]);
  });

  it('serverfeil (delivery limit) fails the message as max-deliveries', () => {
    const rig = portalRig({ receivers: [{ brokered: true }] });
    rig.send(1);
    rig.portal.transportFailed(1, 'max-deliveries');
    expect(rig.facts('transport', 'portal-failed')).toStrictEqual([
      { t: 0, kind: 'transport', msg: 1, response: 'delivery-limit' },
      { t: 0, kind: 'portal-failed', msg: 1, reason: 'max-deliveries' },
    ]);
  });

  it('a report about a receipted, an already failed or an unknown message is recorded but fails nothing', () => {
    const rig = portalRig({ receivers: [{ brokered: true }] });
    rig.send(1);
    rig.send(2);
    rig.portal.receipt(1, 'mottatt');
    rig.portal.transportFailed(2, 'ttl-expired');
    rig.portal.transportFailed(1, 'ttl-expired');
    rig.portal.transportFailed(2, 'max-deliveries');
    rig.portal.transportFailed(9, 'max-deliveries');
    expect(rig.of('transport').map((e) => [e.msg, e.response])).toEqual([[2, 'expired'], [1, 'expired'], [2, 'delivery-limit'], [9, 'delivery-limit']]);
    expect(rig.of('portal-failed').map((e) => [e.msg, e.reason])).toEqual([[2, 'ttl-expired']]);
    expect(rig.facts('fallback')).toHaveLength(1);
  });
});
