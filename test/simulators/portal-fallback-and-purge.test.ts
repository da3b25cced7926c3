// What the portal does once a message has failed, and how long it remembers: the receipt deadline
// (a fixed 2 days, or 2 Norwegian working days with a calendar), the print fallback and every reason
// it is suppressed or delayed, the purge retentionDays after the receipt or failure, the operator purge,
// and what a purged message still answers (printed: yes; holds, download, redeliver: no).

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { portalRig } from '../support/portal-rig.js';

const outcomes = (rig: ReturnType<typeof portalRig>) => rig.of('fallback').map((e) => [e.t, e.outcome]);

describe('portal receipt deadline', () => {
  it('without a calendar it fails an unreceipted message exactly receiptDeadlineMs after the send', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1, 0, 5_000);
    rig.run(5_000 + 2 * DAY_MS - 1);
    expect(rig.facts('portal-failed')).toEqual([]);
    rig.run(5 * DAY_MS);
    expect(rig.facts('portal-failed')).toStrictEqual([{ t: 5_000 + 2 * DAY_MS, kind: 'portal-failed', msg: 1, reason: 'receipt-deadline' }]);
  });

  it('with a calendar it counts working days: sent on a Friday, printed on Tuesday', () => {
    // 2020-09-25 is a Friday: Saturday and Sunday do not count, so the 2 working days end Tuesday 00:00.
    const rig = portalRig({ config: { calendarStart: '2020-09-25', receiptDeadlineWorkingDays: 2 }, receivers: [{ script: ['ack'] }] });
    rig.send(1, 0, 0);
    rig.run(10 * DAY_MS);
    expect(rig.facts('portal-failed')).toStrictEqual([{ t: 4 * DAY_MS, kind: 'portal-failed', msg: 1, reason: 'receipt-deadline' }]);
  });

  it('a receipt before the deadline cancels it', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.run(HOUR_MS);
    rig.portal.receipt(1, 'mottatt');
    rig.run(30 * DAY_MS);
    expect(rig.facts('portal-failed', 'fallback')).toEqual([]);
  });
});

describe('portal print fallback', () => {
  it('prints a failed message once and remembers it after the purge', () => {
    const rig = portalRig({ receivers: [{ script: ['nack'] }] });
    rig.send(1);
    rig.run(2 * DAY_MS);
    expect(outcomes(rig)).toEqual([[2 * DAY_MS, 'printed']]);
    expect(rig.portal.printed(1)).toBe(true);
    expect(rig.portal.printed(2)).toBe(false);
    rig.run(30 * DAY_MS);
    expect(rig.facts('purge')).toStrictEqual([{ t: 16 * DAY_MS, kind: 'purge', msg: 1 }]);
    expect(rig.portal.holds(1)).toBe(false);
    expect(rig.portal.printed(1)).toBe(true);
  });

  it('is suppressed when the portal has fallback switched off', () => {
    const rig = portalRig({ config: { fallbackEnabled: false }, receivers: [{ script: ['nack'] }] });
    rig.send(1);
    rig.run(3 * DAY_MS);
    expect(outcomes(rig)).toEqual([[2 * DAY_MS, 'suppressed']]);
    expect(rig.portal.printed(1)).toBe(false);
  });

  it('is suppressed for a digital-only receiver, and only for it', () => {
    const rig = portalRig({ receivers: [{ script: ['nack'], digitalOnly: true }, { script: ['nack'] }] });
    rig.send(1, 0);
    rig.send(2, 1);
    rig.run(3 * DAY_MS);
    expect(rig.of('fallback').map((e) => [e.msg, e.outcome])).toEqual([[1, 'suppressed'], [2, 'printed']]);
  });

  it('is suppressed while a fallback-disabled fault is open on the receiver', () => {
    const rig = portalRig({ receivers: [{ script: ['nack'], faults: { fallbackDisabled: 1 } }] });
    rig.send(1);
    rig.run(3 * DAY_MS);
    expect(outcomes(rig)).toEqual([[2 * DAY_MS, 'suppressed']]);
    // Suppressed is final: no retry later, even once the fault has healed.
    rig.faults[0]!.fallbackDisabled = 0;
    rig.run(10 * DAY_MS);
    expect(outcomes(rig)).toHaveLength(1);
  });

  it('retries hourly while the print channel is down, and prints when it is back', () => {
    const rig = portalRig({ receivers: [{ script: ['nack'], faults: { fallbackChannelDown: 1 } }] });
    rig.send(0); // id 0: index 0 of the portal's held messages, a valid index like any other
    rig.run(2 * DAY_MS + 2 * HOUR_MS + 1);
    rig.faults[0]!.fallbackChannelDown = 0;
    rig.run(5 * DAY_MS);
    const t0 = 2 * DAY_MS;
    expect(outcomes(rig)).toEqual([[t0, 'channel-down'], [t0 + HOUR_MS, 'channel-down'], [t0 + 2 * HOUR_MS, 'channel-down'], [t0 + 3 * HOUR_MS, 'printed']]);
    expect(rig.portal.printed(0)).toBe(true);
  });

  it('stops retrying the print once the message is purged', () => {
    const rig = portalRig({ config: { retentionDays: 1, fallbackRetryMs: 10 * HOUR_MS }, receivers: [{ script: ['nack'], faults: { fallbackChannelDown: 1 } }] });
    rig.send(1);
    rig.run(20 * DAY_MS);
    const t0 = 2 * DAY_MS;
    // Purged at t0 + 24 h: the retries at t0, +10 h and +20 h happen, the one at +30 h does not.
    expect(outcomes(rig)).toEqual([[t0, 'channel-down'], [t0 + 10 * HOUR_MS, 'channel-down'], [t0 + 20 * HOUR_MS, 'channel-down']]);
    expect(rig.facts('purge')).toStrictEqual([{ t: t0 + DAY_MS, kind: 'purge', msg: 1 }]);
    expect(rig.portal.printed(1)).toBe(false);
  });
});

describe('portal purge', () => {
  it('forgets a receipted message retentionDays after the receipt', () => {
    const rig = portalRig({ config: { retentionDays: 30 }, receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.run(HOUR_MS);
    rig.portal.receipt(1, 'mottatt');
    rig.run(HOUR_MS + 30 * DAY_MS - 1);
    expect(rig.portal.holds(1)).toBe(true);
    rig.run(40 * DAY_MS);
    expect(rig.facts('purge')).toStrictEqual([{ t: HOUR_MS + 30 * DAY_MS, kind: 'purge', msg: 1 }]);
    expect(rig.portal.holds(1)).toBe(false);
    // Forgotten: a late receipt is a duplicate, a download and a redelivery find nothing.
    rig.portal.receipt(1, 'mottatt');
    expect(rig.of('receipt').map((e) => e.duplicate)).toEqual([false, true]);
    expect(rig.portal.download(1)).toBeUndefined();
    expect(rig.portal.redeliver(1)).toBe(false);
    expect(rig.facts('redeliver')).toStrictEqual([{ t: 40 * DAY_MS, kind: 'redeliver', msg: 1, accepted: false }]);
  });

  it('the operator purge deletes receipted and failed messages of the named receivers only', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }, { script: ['ack'] }] });
    rig.send(1, 0); // receipted
    rig.send(2, 0); // failed
    rig.send(3, 0); // still awaiting its receipt
    rig.send(4, 1); // receipted, other receiver
    rig.run(1_000);
    rig.portal.receipt(1, 'mottatt');
    rig.portal.receipt(2, 'feilet');
    rig.portal.receipt(4, 'mottatt');
    rig.run(HOUR_MS);
    rig.portal.purgeNow(new Set([0]));
    expect(rig.facts('purge')).toStrictEqual([{ t: HOUR_MS, kind: 'purge', msg: 1 }, { t: HOUR_MS, kind: 'purge', msg: 2 }]);
    expect([1, 2, 3, 4].map((id) => rig.portal.holds(id))).toEqual([false, false, true, true]);
    // The scheduled purge of a message already purged records nothing more.
    rig.run(15 * DAY_MS);
    expect(rig.of('purge').map((e) => e.msg)).toEqual([1, 2, 4]);
  });

  it('the operator purge of a poll message re-listed by a redelivery takes it off the list', () => {
    const rig = portalRig({ receivers: [{ style: 'poll' }] });
    rig.send(1);
    rig.portal.download(1);
    rig.portal.receipt(1, 'mottatt');
    expect(rig.portal.redeliver(1)).toBe(true);
    expect(rig.portal.listNew(0).map((h) => h.id)).toEqual([1]);
    rig.portal.purgeNow(new Set([0]));
    expect(rig.portal.listNew(0)).toEqual([]);
    expect(rig.portal.holds(1)).toBe(false);
  });

  it('the operator purge goes through the messages in the order they were sent, whatever their ids', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    for (const id of [30, 10, 20]) rig.send(id);
    rig.run(1_000);
    for (const id of [10, 20, 30]) rig.portal.receipt(id, 'mottatt');
    rig.portal.purgeNow(new Set([0]));
    expect(rig.of('purge').map((e) => e.msg)).toEqual([30, 10, 20]);
  });

  it('an event still pending for a purged message does not act on a new message sent under its id', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'], faults: { fallbackChannelDown: 1 } }] });
    rig.send(1, 0, 0);
    rig.run(2 * DAY_MS); // the deadline: channel down, a retry in an hour
    rig.portal.purgeNow(new Set([0]));
    rig.send(1);
    rig.run(2 * DAY_MS + 3 * HOUR_MS); // the old message's retry comes up: nothing to retry any more
    expect(outcomes(rig)).toEqual([[2 * DAY_MS, 'channel-down']]);
    rig.run(4 * DAY_MS + HOUR_MS); // the new message's own deadline, and its own retry
    expect(outcomes(rig)).toEqual([[2 * DAY_MS, 'channel-down'], [4 * DAY_MS, 'channel-down'], [4 * DAY_MS + HOUR_MS, 'channel-down']]);
  });

  it('holds nothing for an id it never had', () => {
    const rig = portalRig();
    expect(rig.portal.holds(5)).toBe(false);
    expect(rig.portal.printed(5)).toBe(false);
  });
});
