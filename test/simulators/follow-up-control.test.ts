// The two human controls: a reporter who hears nothing chases after the feedback deadline, and someone
// watching the error log acts on a dropped write. Either finds a report that is neither printed nor
// stored, records the detection and has the portal re-deliver it while it still holds it — unless the
// case worker takes the chase for a user error and the reporter sends it again (category D).

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { defaultControlsConfig, type ControlsConfig } from '../../simulators/controls/controls-config.js';
import { FollowUp } from '../../simulators/controls/follow-up.js';
import type { MessageHeader } from '../../simulators/portal/message.js';
import { portalDouble, scriptedRng, storageDouble } from '../support/control-doubles.js';

const CHASE = 21 * DAY_MS; // the feedback deadline (§ 13-3)
const MEAN = 14 * DAY_MS; // the scripted exponential draw is its mean

function followUpWorld(config: Partial<ControlsConfig>, chances: boolean[] = [], withResend = true) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const { rng, asked } = scriptedRng(chances);
  const p = portalDouble();
  const s = storageDouble();
  const submitted: MessageHeader[] = [];
  let nextId = 100;
  const resend = withResend ? { ids: { next: () => nextId++ }, submit: (h: MessageHeader) => submitted.push(h) } : undefined;
  const control = new FollowUp({ ...defaultControlsConfig, ...config }, clock, rng, ledger, p.portal, s.storage, resend);
  return { clock, ledger, asked, control, submitted, ...p, ...s };
}
const report = (id: number, sender: 'public' | 'private' = 'public'): MessageHeader => ({ id, receiver: 2, sender, sentAtMs: 0 });

describe('a reporter who chases', () => {
  it('chases at the deadline plus a random delay, finds nothing, and the portal re-delivers', () => {
    const w = followUpWorld({ publicChasePct: 40 }, [true]);
    w.held.add(1);
    w.control.reportSent(report(1));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.asked).toEqual(['chance 40', `exponential ${MEAN}`]);
    expect(w.ledger.entries).toEqual([{ t: CHASE + MEAN, kind: 'detect', msg: 1, by: 'reporter', portalHolds: true }]);
    expect(w.redelivered).toEqual([1]);
  });

  it('chases too late when the portal has purged it: detected, nothing to re-deliver', () => {
    const w = followUpWorld({ publicChasePct: 100 });
    w.control.reportSent(report(1));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.ledger.entries).toEqual([{ t: CHASE + MEAN, kind: 'detect', msg: 1, by: 'reporter', portalHolds: false }]);
    expect(w.redelivered).toEqual([]);
  });

  it('public and private reporters chase at their own rate', () => {
    const w = followUpWorld({ publicChasePct: 10, privateChasePct: 70 }, [false, false]);
    w.control.reportSent(report(1, 'public'));
    w.control.reportSent(report(2, 'private'));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.asked).toEqual(['chance 10', 'chance 70']);
    expect(w.ledger.entries).toEqual([]);
  });

  it('with a chase rate of 0 nobody chases', () => {
    const w = followUpWorld({ publicChasePct: 0, privateChasePct: 0 });
    w.control.reportSent(report(1, 'public'));
    w.control.reportSent(report(2, 'private'));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.asked).toEqual([]);
    expect(w.ledger.entries).toEqual([]);
  });

  it('finds nothing to chase when the report was stored or printed', () => {
    const w = followUpWorld({ publicChasePct: 100 });
    w.stored.add(1);
    w.printed.add(2);
    w.held.add(1);
    w.held.add(2);
    w.control.reportSent(report(1));
    w.control.reportSent(report(2));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.lookups).toEqual([1]); // a printed letter is not even looked up
    expect(w.ledger.entries).toEqual([]);
    expect(w.redelivered).toEqual([]);
  });
});

describe('category D: the reporter is asked to send it again', () => {
  it('the content arrives as a new report, sent now, and no detection is recorded', () => {
    const w = followUpWorld({ publicChasePct: 100, chaseResendPct: 25 }, [true]);
    w.held.add(1);
    w.control.reportSent(report(1, 'public'));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.asked).toEqual([`exponential ${MEAN}`, 'chance 25']);
    expect(w.ledger.entries).toEqual([{ t: CHASE + MEAN, kind: 'resend', msg: 1, asMsg: 100 }]);
    expect(w.submitted).toEqual([{ id: 100, receiver: 2, sender: 'public', sentAtMs: CHASE + MEAN }]);
    expect(w.redelivered).toEqual([]);
  });

  it('a case worker who suspects the system records the detection instead', () => {
    const w = followUpWorld({ privateChasePct: 100, chaseResendPct: 25 }, [false]);
    w.held.add(1);
    w.control.reportSent(report(1, 'private'));
    w.clock.runUntil(365 * DAY_MS);
    expect(w.ledger.entries).toEqual([{ t: CHASE + MEAN, kind: 'detect', msg: 1, by: 'reporter', portalHolds: true }]);
    expect(w.submitted).toEqual([]);
  });

  it('with no resend path, or a resend rate of 0, a chase always records the detection', () => {
    for (const [config, withResend] of [[{ chaseResendPct: 100 }, false], [{ chaseResendPct: 0 }, true]] as const) {
      const w = followUpWorld({ publicChasePct: 100, ...config }, [], withResend);
      w.control.reportSent(report(1));
      w.clock.runUntil(365 * DAY_MS);
      expect(w.asked).toEqual([`exponential ${MEAN}`]);
      expect(w.ledger.entries).toEqual([{ t: CHASE + MEAN, kind: 'detect', msg: 1, by: 'reporter', portalHolds: false }]);
      expect(w.submitted).toEqual([]);
    }
  });
});

describe('an alert on the error log', () => {
  it('checks a dropped write after the alert delay and has the portal re-deliver it', () => {
    const w = followUpWorld({ alertDelayMs: 4 * HOUR_MS, chaseResendPct: 100 });
    w.held.add(9);
    w.clock.at(HOUR_MS, () => w.control.writeDropped(9));
    w.clock.runUntil(365 * DAY_MS);
    // An alert is the system's own: nobody is asked to send it again, whatever the resend rate.
    expect(w.asked).toEqual([]);
    expect(w.ledger.entries).toEqual([{ t: 5 * HOUR_MS, kind: 'detect', msg: 9, by: 'alert', portalHolds: true }]);
    expect(w.redelivered).toEqual([9]);
  });

  it('finds nothing when the write was stored meanwhile', () => {
    const w = followUpWorld({ alertDelayMs: HOUR_MS });
    w.stored.add(9);
    w.control.writeDropped(9);
    w.clock.runUntil(DAY_MS);
    expect(w.lookups).toEqual([9]);
    expect(w.ledger.entries).toEqual([]);
  });

  it('with no one watching (delay 0) nothing happens', () => {
    const w = followUpWorld({ alertDelayMs: 0 });
    w.control.writeDropped(9);
    w.clock.runUntil(365 * DAY_MS);
    expect(w.lookups).toEqual([]);
    expect(w.ledger.entries).toEqual([]);
  });
});

describe('defaultControlsConfig', () => {
  it('every control is off, as in 2020–2023; a chase would come after 3 weeks plus ~2 weeks', () => {
    expect(defaultControlsConfig).toEqual({
      reconciliationIntervalMs: 0, reconciliationGraceMs: HOUR_MS, publicChasePct: 0, privateChasePct: 0,
      chaseAfterMs: 21 * DAY_MS, chaseDelayMeanMs: 14 * DAY_MS, chaseResendPct: 0, alertDelayMs: 0, logAuditAtMs: 0,
    });
  });
});
