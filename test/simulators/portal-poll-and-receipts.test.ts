// Poll delivery (SvarInn) and protocol receipts from the portal's side: what the list of new
// shipments holds before and after a download, a kvitterMottak and a mottakFeilet (permanent or not),
// which receipts the ledger marks as duplicates, and which feilet receipts make the portal print.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { portalRig } from '../support/portal-rig.js';

const poll = { style: 'poll' as const };
const listed = (rig: ReturnType<typeof portalRig>, receiver = 0) => rig.portal.listNew(receiver).map((h) => h.id);

describe('portal poll delivery', () => {
  it('lists a new shipment for its receiver only, until the receiver receipts it', () => {
    const rig = portalRig({ receivers: [poll, poll] });
    rig.send(1, 0, 10);
    rig.send(2, 1, 20);
    rig.run(HOUR_MS);
    expect(rig.portal.listNew(0)).toEqual([{ id: 1, receiver: 0, sender: 'public', sentAtMs: 10 }]);
    expect(listed(rig, 1)).toEqual([2]);
    expect(rig.facts('deliver')).toEqual([]); // listing is not delivering
    expect(rig.portal.download(1)).toEqual({ id: 1, receiver: 0, sender: 'public', sentAtMs: 10 });
    // Downloaded but not receipted: still new (SvarInn lists it until kvitterMottak).
    expect(listed(rig)).toEqual([1]);
    rig.portal.receipt(1, 'mottatt');
    expect(listed(rig)).toEqual([]);
    expect(listed(rig, 1)).toEqual([2]);
  });

  it('records each download as a poll delivery with its attempt number', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(5, 0, 0);
    rig.run(HOUR_MS);
    rig.portal.download(5);
    rig.run(2 * HOUR_MS);
    rig.portal.download(5);
    expect(rig.facts('deliver')).toStrictEqual([
      { t: HOUR_MS, kind: 'deliver', msg: 5, attempt: 1, style: 'poll', route: 'correct' },
      { t: 2 * HOUR_MS, kind: 'deliver', msg: 5, attempt: 2, style: 'poll', route: 'correct' },
    ]);
  });

  it('a receiver index the portal does not have lists nothing', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(1);
    expect(rig.portal.listNew(4)).toEqual([]);
    expect(rig.portal.listNew(-1)).toEqual([]);
  });

  it('a download of an unknown id finds nothing and records nothing', () => {
    const rig = portalRig({ receivers: [poll] });
    expect(rig.portal.download(99)).toBeUndefined();
    expect(rig.ledger.entries).toEqual([]);
  });

  it('mottatt receipts the message: the export row, the purge after retentionDays, no deadline', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(3, 0, 1_000);
    rig.run(HOUR_MS);
    rig.portal.download(3);
    rig.portal.receipt(3, 'mottatt');
    rig.run(20 * DAY_MS);
    expect(rig.facts('receipt', 'portal-failed', 'fallback', 'purge')).toStrictEqual([
      { t: HOUR_MS, kind: 'receipt', msg: 3, receipt: 'mottatt', duplicate: false },
      { t: HOUR_MS + 14 * DAY_MS, kind: 'purge', msg: 3 },
    ]);
    const log = rig.portal.exportFor(0);
    expect([log.length, log.msgAt(0), log.sentAtMsAt(0), log.receiptAtMsAt(0)]).toEqual([1, 3, 1_000, HOUR_MS]);
  });

  it('a non-permanent mottakFeilet leaves the shipment listed; the deadline then prints it', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(4, 0, 0);
    rig.run(HOUR_MS);
    rig.portal.download(4);
    rig.portal.receipt(4, 'feilet', false);
    expect(listed(rig)).toEqual([4]);
    expect(rig.facts('portal-failed')).toEqual([]);
    rig.run(3 * DAY_MS);
    expect(rig.facts('receipt', 'portal-failed', 'fallback')).toStrictEqual([
      { t: HOUR_MS, kind: 'receipt', msg: 4, receipt: 'feilet', duplicate: false, permanent: false },
      { t: 2 * DAY_MS, kind: 'portal-failed', msg: 4, reason: 'receipt-deadline' },
      { t: 2 * DAY_MS, kind: 'fallback', msg: 4, outcome: 'printed' },
    ]);
    expect(listed(rig)).toEqual([]);
  });

  it('a feilet without the permanent flag from a polling receiver waits for the deadline too', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(4);
    rig.portal.receipt(4, 'feilet');
    expect(rig.facts('receipt')).toStrictEqual([{ t: 0, kind: 'receipt', msg: 4, receipt: 'feilet', duplicate: false }]);
    expect(rig.facts('portal-failed')).toEqual([]);
    expect(listed(rig)).toEqual([4]);
  });

  it('a permanent mottakFeilet fails the message at once, takes it off the list and prints', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(6, 0, 0);
    rig.run(HOUR_MS);
    rig.portal.download(6);
    rig.portal.receipt(6, 'feilet', true);
    expect(listed(rig)).toEqual([]);
    rig.run(20 * DAY_MS);
    expect(rig.facts('receipt', 'portal-failed', 'fallback', 'purge')).toStrictEqual([
      { t: HOUR_MS, kind: 'receipt', msg: 6, receipt: 'feilet', duplicate: false, permanent: true },
      { t: HOUR_MS, kind: 'portal-failed', msg: 6, reason: 'permanent-failure' },
      { t: HOUR_MS, kind: 'fallback', msg: 6, outcome: 'printed' },
      { t: HOUR_MS + 14 * DAY_MS, kind: 'purge', msg: 6 },
    ]);
    expect(rig.portal.exportFor(0).length).toBe(0);
  });

  it('a failed poll message is no longer listed (deadline)', () => {
    const rig = portalRig({ receivers: [poll] });
    rig.send(7);
    rig.run(2 * DAY_MS);
    expect(rig.of('portal-failed').map((e) => e.reason)).toEqual(['receipt-deadline']);
    expect(listed(rig)).toEqual([]);
  });
});

describe('portal receipts from a push receiver', () => {
  it('feilet fails the message at once and prints; with permanent it says so', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.send(2);
    rig.run(1_000);
    rig.portal.receipt(1, 'feilet');
    rig.portal.receipt(2, 'feilet', true);
    expect(rig.facts('portal-failed', 'fallback')).toStrictEqual([
      { t: 1_000, kind: 'portal-failed', msg: 1, reason: 'feilet' },
      { t: 1_000, kind: 'fallback', msg: 1, outcome: 'printed' },
      { t: 1_000, kind: 'portal-failed', msg: 2, reason: 'permanent-failure' },
      { t: 1_000, kind: 'fallback', msg: 2, outcome: 'printed' },
    ]);
  });

  it('feilet with permanent=false from a push receiver still fails it as feilet', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.portal.receipt(1, 'feilet', false);
    expect(rig.of('portal-failed').map((e) => e.reason)).toEqual(['feilet']);
  });

  it('marks a second receipt, one after a failure and one for an unknown id as duplicates', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }] });
    rig.send(1);
    rig.send(2);
    rig.run(1_000);
    rig.portal.receipt(1, 'mottatt');
    rig.portal.receipt(1, 'mottatt');
    rig.portal.receipt(1, 'feilet');
    rig.portal.receipt(2, 'feilet');
    rig.portal.receipt(2, 'mottatt');
    rig.portal.receipt(42, 'mottatt');
    expect(rig.of('receipt').map((e) => [e.msg, e.receipt, e.duplicate])).toEqual([
      [1, 'mottatt', false], [1, 'mottatt', true], [1, 'feilet', true], [2, 'feilet', false], [2, 'mottatt', true], [42, 'mottatt', true],
    ]);
    // Only the first mottatt is in the export, and only message 2 failed.
    expect(rig.portal.exportFor(0).length).toBe(1);
    expect(rig.of('portal-failed').map((e) => e.msg)).toEqual([2]);
  });

  it('the export lists receipted messages per receiver, in receipt order', () => {
    const rig = portalRig({ receivers: [{ script: ['ack'] }, { script: ['ack'] }] });
    rig.send(1, 0, 0);
    rig.send(2, 0, 10);
    rig.send(3, 1, 20);
    rig.run(1_000);
    rig.portal.receipt(2, 'mottatt');
    rig.run(2_000);
    rig.portal.receipt(3, 'mottatt');
    rig.portal.receipt(1, 'mottatt');
    const rows = (r: number) => {
      const log = rig.portal.exportFor(r);
      return Array.from({ length: log.length }, (_, i) => [log.msgAt(i), log.sentAtMsAt(i), log.receiptAtMsAt(i)]);
    };
    expect(rows(0)).toEqual([[2, 10, 1_000], [1, 0, 2_000]]);
    expect(rows(1)).toEqual([[3, 20, 2_000]]);
    expect(rig.portal.exportFor(5).length).toBe(0);
  });
});
