// The Altinn-like inbox: without the confidential-mail role nobody sees a message or is told of it, so
// it is never opened (the portal's print deadline is its only way out). With the role, a notification
// is noticed with a chance that falls as notifications pile up; an unnoticed one may still be found by
// browsing. Opening it sends the read receipt, committed. The random draws are scripted here, so the
// chances and delays the inbox asks for are asserted exactly.

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import type { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import type { TransportAnswer } from '../../simulators/portal/endpoints.js';
import { scriptedRng } from '../support/control-doubles.js';
import { Inbox, UnwatchedChannel, defaultInboxConfig, type InboxConfig } from '../../simulators/recipient/inbox.js';

function inboxWorld(config: Partial<InboxConfig>, chances: boolean[], faults = new FaultState()) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const { rng, asked } = scriptedRng(chances);
  const receipts: string[] = [];
  const link = { send: (msg: number, receipt: string, committed: boolean) => receipts.push(`${msg} ${receipt} committed=${String(committed)}`) };
  const inbox = new Inbox({ ...defaultInboxConfig, ...config }, clock, rng, ledger, faults, link as unknown as ReceiptLink);
  const answers: TransportAnswer[] = [];
  const deliverAt = (atMs: number, msg: number) => clock.at(atMs, () => inbox.deliver({ msg: { id: msg, receiver: 0, sender: 'public', sentAtMs: atMs }, attempt: 1, redelivered: false, respond: (a) => answers.push(a) }));
  return { clock, ledger, asked, receipts, answers, deliverAt };
}

describe('Inbox with the role assigned', () => {
  it('a noticed message is opened after the open delay, and the read receipt is committed', () => {
    const w = inboxWorld({}, []); // 5 notices a day, attention for 20: always noticed
    w.deliverAt(HOUR_MS, 7);
    w.clock.runUntil(30 * DAY_MS);
    expect(w.answers).toEqual(['ack']);
    expect(w.ledger.entries).toEqual([
      { t: HOUR_MS, kind: 'inbox', msg: 7, roleAssigned: true },
      { t: HOUR_MS, kind: 'notify', msg: 7, noticed: true },
      { t: HOUR_MS + 4 * HOUR_MS, kind: 'open', msg: 7 },
    ]);
    expect(w.asked).toEqual([`exponential ${4 * HOUR_MS}`]);
    expect(w.receipts).toEqual(['7 mottatt committed=true']);
  });

  it('an unnoticed message found by browsing is opened after the browse delay', () => {
    const w = inboxWorld({ notificationsPerDay: 40 }, [false, true]);
    w.deliverAt(HOUR_MS, 3);
    w.clock.runUntil(30 * DAY_MS);
    expect(w.ledger.entries).toEqual([
      { t: HOUR_MS, kind: 'inbox', msg: 3, roleAssigned: true },
      { t: HOUR_MS, kind: 'notify', msg: 3, noticed: false },
      { t: HOUR_MS + 5 * DAY_MS, kind: 'open', msg: 3 },
    ]);
    expect(w.asked).toEqual(['chance 50', 'chance 30', `exponential ${5 * DAY_MS}`]);
    expect(w.receipts).toEqual(['3 mottatt committed=true']);
  });

  it('an unnoticed message nobody browses to is never opened and never receipted', () => {
    const w = inboxWorld({ notificationsPerDay: 40 }, [false, false]);
    w.deliverAt(HOUR_MS, 3);
    w.clock.runUntil(365 * DAY_MS);
    expect(w.ledger.entries.map((e) => e.kind)).toEqual(['inbox', 'notify']);
    expect(w.receipts).toEqual([]);
  });

  it('the chance to notice is attention over load, capped at 100 %', () => {
    const asked = (config: Partial<InboxConfig>, extra = 0) => {
      const faults = new FaultState();
      faults.extraNotificationsPerDay = extra;
      const w = inboxWorld(config, [true], faults);
      w.deliverAt(0, 0);
      w.clock.runUntil(0);
      return w.asked[0];
    };
    expect(asked({ notificationsPerDay: 5, attentionPerDay: 20 })).toBe('exponential 14400000'); // 100 %: noticed without a draw
    expect(asked({ notificationsPerDay: 30, attentionPerDay: 20 }, 10)).toBe('chance 50'); // 20 of 40
    expect(asked({ notificationsPerDay: 5, attentionPerDay: 20 }, 75)).toBe('chance 25'); // 20 of 80
  });
});

describe('Inbox without the role: nobody sees it, nobody is told', () => {
  it.each([
    ['the role was never assigned', { roleAssigned: false }, 0],
    ['a role-missing fault is open', {}, 1],
  ])('%s', (_, config, roleMissing) => {
    const faults = new FaultState();
    faults.roleMissing = roleMissing;
    const w = inboxWorld(config, [], faults);
    w.deliverAt(HOUR_MS, 5);
    w.clock.runUntil(365 * DAY_MS);
    expect(w.answers).toEqual(['ack']); // the transport still takes it
    expect(w.ledger.entries).toEqual([{ t: HOUR_MS, kind: 'inbox', msg: 5, roleAssigned: false }]);
    expect(w.asked).toEqual([]);
    expect(w.receipts).toEqual([]);
  });
});

describe('defaults and the unwatched channel', () => {
  it('defaultInboxConfig: role assigned, 5 notices a day against attention for 20, opened in ~4 h, 30 % found by browsing in ~5 days', () => {
    expect(defaultInboxConfig).toEqual({
      roleAssigned: true, notificationsPerDay: 5, attentionPerDay: 20, openDelayMeanMs: 4 * HOUR_MS, browseFindPct: 30, browseDelayMeanMs: 5 * DAY_MS,
    });
  });

  it('the unwatched channel acks and receipts everything, uncommitted — nobody will ever read it', () => {
    const receipts: string[] = [];
    const link = { send: (msg: number, receipt: string, committed: boolean) => receipts.push(`${msg} ${receipt} committed=${String(committed)}`) };
    const answers: TransportAnswer[] = [];
    new UnwatchedChannel(link as unknown as ReceiptLink).deliver({ msg: { id: 9, receiver: 0, sender: 'private', sentAtMs: 0 }, attempt: 1, redelivered: false, respond: (a) => answers.push(a) });
    expect(answers).toEqual(['ack']);
    expect(receipts).toEqual(['9 mottatt committed=false']);
  });
});
