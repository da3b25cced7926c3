// The receipt's way back to the portal and the moment the portal stops waiting for it: when a receipt
// arrives (on time, late, twice, never), what the ledger says happened to it, and on which instant the
// print fallback is due with and without a calendar. Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import type { ProtocolReceipt } from '../../harness/ledger/entries.js';
import type { PortalApi } from '../../simulators/portal/endpoints.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import { receiptDeadlineAt } from '../../simulators/portal/receipt-deadline.js';
import { KvitteringError } from '../../harness/errors.js';
import { appendedKinds } from '../support/appended-kinds.js';

function setup(faults = new FaultState(), latencyMs = 50) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const arrived: { at: number; msg: number; receipt: ProtocolReceipt; permanent: boolean | undefined }[] = [];
  const portal: PortalApi = {
    receipt: (msg, receipt, permanent) => arrived.push({ at: clock.now(), msg, receipt, permanent }),
    listNew: () => [],
    download: () => undefined,
  };
  const link = new ReceiptLink(portal, clock, new Rng(1), ledger, faults, latencyMs);
  return { clock, ledger, arrived, link, faults };
}

describe('ReceiptLink', () => {
  it('delivers a receipt after the link latency and records what the receiver sent', () => {
    const { clock, ledger, arrived, link } = setup();
    clock.at(1_000, () => link.send(4, 'mottatt', true));
    clock.runUntil(1_049);
    expect(arrived).toEqual([]);
    clock.runUntil(10_000);
    expect(arrived).toEqual([{ at: 1_050, msg: 4, receipt: 'mottatt', permanent: undefined }]);
    expect(ledger.entries).toStrictEqual([{ t: 1_000, kind: 'receipt-sent', msg: 4, receipt: 'mottatt', committed: true }]);
  });

  it('carries a feilet receipt\'s permanent flag to the portal and into the ledger', () => {
    const { clock, ledger, arrived, link } = setup();
    link.send(5, 'feilet', false, true);
    link.send(6, 'feilet', false, false);
    clock.runUntil(10_000);
    expect(arrived.map((a) => [a.msg, a.receipt, a.permanent])).toEqual([[5, 'feilet', true], [6, 'feilet', false]]);
    expect(ledger.entries).toStrictEqual([
      { t: 0, kind: 'receipt-sent', msg: 5, receipt: 'feilet', committed: false, permanent: true },
      { t: 0, kind: 'receipt-sent', msg: 6, receipt: 'feilet', committed: false, permanent: false },
    ]);
  });

  it('carries negative and large ids intact, and refuses an id its receipt cannot carry exactly', () => {
    const { clock, ledger, arrived, link } = setup();
    link.send(-1, 'feilet', false, true);
    link.send(-3, 'mottatt', true);
    link.send(2 ** 50 - 1, 'feilet', false, false);
    clock.runUntil(10_000);
    expect(arrived.map((a) => [a.msg, a.receipt, a.permanent])).toEqual([[-1, 'feilet', true], [-3, 'mottatt', undefined], [2 ** 50 - 1, 'feilet', false]]);
    expect(() => link.send(2 ** 50, 'mottatt', true)).toThrow(expect.objectContaining({ code: 'E_MESSAGE_ID' }));
    expect(() => link.send(1.5, 'mottatt', true)).toThrow('message id 1.5 — expected an integer');
    expect(ledger.entries).toHaveLength(3); // nothing recorded for a refused id
  });

  it('a lost receipt never arrives, and the loss is recorded', () => {
    const faults = new FaultState();
    faults.receiptLostPct = 100;
    faults.receiptLatePct = 100; // lost wins: nothing arrives late either
    faults.receiptLateDelayMs = 1_000;
    faults.receiptDuplicatedPct = 100;
    const { clock, ledger, arrived, link } = setup(faults);
    link.send(1, 'mottatt', true);
    clock.runUntil(1e9);
    expect(arrived).toEqual([]);
    expect(ledger.entries.map((e) => e.kind === 'receipt-fault' ? `fault:${e.fault}` : e.kind)).toEqual(['receipt-sent', 'fault:lost']);
  });

  it('a late receipt arrives after latency + the extra delay, and the delay is recorded', () => {
    const faults = new FaultState();
    faults.receiptLatePct = 100;
    faults.receiptLateDelayMs = 3_600_000;
    const { clock, ledger, arrived, link } = setup(faults);
    link.send(2, 'mottatt', true);
    clock.runUntil(1e9);
    expect(arrived.map((a) => a.at)).toEqual([3_600_050]);
    expect(ledger.entries[1]).toStrictEqual({ t: 0, kind: 'receipt-fault', msg: 2, fault: 'late', delayMs: 3_600_000 });
  });

  it('a duplicated receipt arrives twice, the copy one more latency later (after the late delay too)', () => {
    const faults = new FaultState();
    faults.receiptDuplicatedPct = 100;
    faults.receiptLatePct = 100;
    faults.receiptLateDelayMs = 500;
    const { clock, ledger, arrived, link } = setup(faults);
    link.send(3, 'mottatt', true);
    clock.runUntil(1e9);
    expect(arrived.map((a) => [a.at, a.msg])).toEqual([[550, 3], [600, 3]]);
    expect(ledger.entries.map((e) => e.kind === 'receipt-fault' ? `fault:${e.fault}` : e.kind)).toEqual(['receipt-sent', 'fault:late', 'fault:duplicated']);
  });

  it('with no receipt faults configured nothing is lost, late or duplicated', () => {
    const { clock, ledger, arrived, link } = setup();
    for (let i = 0; i < 50; i++) link.send(i, 'mottatt', true);
    clock.runUntil(1e9);
    expect(arrived).toHaveLength(50);
    expect(ledger.entries.filter((e) => e.kind === 'receipt-fault')).toEqual([]);
  });
  it('each fault strikes a share of the receipts, not all of them', () => {
    const faults = new FaultState();
    faults.receiptLostPct = 30;
    faults.receiptLatePct = 30;
    faults.receiptLateDelayMs = 1_000;
    faults.receiptDuplicatedPct = 30;
    const { clock, ledger, arrived, link } = setup(faults);
    for (let i = 0; i < 200; i++) link.send(i, 'mottatt', true);
    clock.runUntil(1e9);
    const struck = (fault: string) => new Set(ledger.entries.flatMap((e) => (e.kind === 'receipt-fault' && e.fault === fault ? [e.msg] : []))).size;
    for (const fault of ['lost', 'late', 'duplicated']) {
      expect(struck(fault)).toBeGreaterThan(20);
      expect(struck(fault)).toBeLessThan(120);
    }
    const arrivedOnce = new Set(arrived.map((a) => a.msg));
    expect(arrivedOnce.size).toBe(200 - struck('lost'));
    expect(arrived.filter((a) => a.at === 50).length).toBeGreaterThan(0); // on time
  });

  it('builds the receipt-sent entry only for a ledger that wants it', () => {
    const onlyFaults = new Ledger(false);
    onlyFaults.subscribe(() => undefined, ['receipt-fault']);
    const builtForFaults = appendedKinds(onlyFaults);
    const wantsSent = new Ledger(false);
    const seenBySentFolder: string[] = [];
    wantsSent.subscribe((e) => seenBySentFolder.push(e.kind), ['receipt-sent']);
    for (const ledger of [onlyFaults, wantsSent]) {
      const clock = new Scheduler();
      const portal: PortalApi = { receipt: () => undefined, listNew: () => [], download: () => undefined };
      new ReceiptLink(portal, clock, new Rng(1), ledger, new FaultState(), 50).send(1, 'mottatt', true);
      expect(ledger.count).toBe(1); // counted either way: the history has one entry
    }
    expect(builtForFaults).toEqual([]);
    expect(seenBySentFolder).toEqual(['receipt-sent']);
  });
});

describe('receiptDeadlineAt', () => {
  const plain = { receiptDeadlineMs: 2 * DAY_MS };

  it('without a calendar (or without a working-day count) is the send + the plain deadline', () => {
    expect(receiptDeadlineAt(plain, 1_000)).toBe(2 * DAY_MS + 1_000);
    expect(receiptDeadlineAt({ ...plain, calendarStart: '2020-09-25' }, 1_000)).toBe(2 * DAY_MS + 1_000);
    expect(receiptDeadlineAt({ ...plain, receiptDeadlineWorkingDays: 2 }, 1_000)).toBe(2 * DAY_MS + 1_000);
  });

  it('counts working days on the calendar: sent Friday 10:00 => due Tuesday 10:00', () => {
    // 2020-09-25 is a Friday.
    const config = { ...plain, calendarStart: '2020-09-25', receiptDeadlineWorkingDays: 2 };
    expect(receiptDeadlineAt(config, 10 * 3_600_000)).toBe(4 * DAY_MS + 10 * 3_600_000);
    expect(receiptDeadlineAt({ ...config, receiptDeadlineWorkingDays: 1 }, 0)).toBe(3 * DAY_MS);
  });

  it('reads a start with a clock time as UTC, and a day off starts the count on the next working day', () => {
    // Start Friday 08:00: a send at 0 is due Tuesday 08:00. Start Saturday: due Wednesday 00:00.
    expect(receiptDeadlineAt({ ...plain, calendarStart: '2020-09-25T08:00', receiptDeadlineWorkingDays: 2 }, 0)).toBe(4 * DAY_MS);
    expect(receiptDeadlineAt({ ...plain, calendarStart: '2020-09-26', receiptDeadlineWorkingDays: 2 }, 10 * 3_600_000)).toBe(4 * DAY_MS);
    expect(receiptDeadlineAt({ ...plain, calendarStart: '2020-09-26T10:00', receiptDeadlineWorkingDays: 2 }, 0)).toBe(4 * DAY_MS - 10 * 3_600_000);
  });

  it('names the field and the expected form when the calendar start is not a date', () => {
    const bad = () => receiptDeadlineAt({ ...plain, calendarStart: 'next monday', receiptDeadlineWorkingDays: 2 }, 0);
    expect(bad).toThrow(KvitteringError);
    expect(bad).toThrow('portal.calendarStart is "next monday" — expected a date like "2020-09-25"');
    try { bad(); } catch (error) { expect((error as KvitteringError).code).toBe('E_CONFIG_FIELD'); }
  });
});
