// The fault plan's edges a user relies on: each window changes exactly its own part of the receiver's
// state and heals it exactly (overlaps and repeats included), a fault without parameters does nothing,
// events reach the receivers they name, the quiet phase starts after the last fault, and every bad
// value is refused naming the field.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { faultEffects } from '../../harness/faults/catalogue.js';
import { isSystemKind, isWindowKind, windowFaultKinds, type FaultSpec, type WindowFaultKind } from '../../harness/faults/fault-spec.js';
import { lastFaultMs, scheduleFaults, type FaultTargets } from '../../harness/faults/schedule-faults.js';
import { validateFaultPlan } from '../../harness/faults/validate-faults.js';

const fresh = () => ({ ...new FaultState() });
const severe = { probabilityPct: 30, slowdownFactor: 3, offlineWorkersPct: 40, delayMs: 500, downMs: 700, notificationsPerDay: 9 };

// What one open window of each kind changes, given every parameter (`severe`).
const changedBy: Record<WindowFaultKind, Partial<FaultState>> = {
  'db-overload': { dbSlowdownFactor: 3, dbOfflineWorkersPct: 40 },
  'backup-spike': { dbSlowdownFactor: 3, dbOfflineWorkersPct: 40 },
  'db-outage': { dbOutage: 1 },
  'db-slow-commit': { dbCommitDelayMs: 500 },
  'db-log-full': { dbLogFull: 1 },
  'premature-ack': { prematureAck: 1 },
  'case-system-outage': { caseSystemDown: 1 },
  'crash-after-ack': { crashAfterAckPct: 30, crashDownMs: 700, openCrashDownMs: [700] },
  'receipt-lost': { receiptLostPct: 30 },
  'receipt-duplicated': { receiptDuplicatedPct: 30 },
  'receipt-late': { receiptLatePct: 30, receiptLateDelayMs: 500, openReceiptLateDelayMs: [500] },
  'wrong-route': { wrongRoutePct: 30 },
  'fallback-disabled': { fallbackDisabled: 1 },
  'fallback-channel-down': { fallbackChannelDown: 1 },
  'recipient-role-missing': { roleMissing: 1 },
  'notification-flood': { extraNotificationsPerDay: 9 },
};

describe('fault effects on the receiver state', () => {
  it('lists every window kind', () => {
    expect(Object.keys(changedBy).sort()).toEqual([...windowFaultKinds].sort());
  });

  it.each([...windowFaultKinds])('%s changes only its own fields, and two overlapping windows heal back to no fault', (kind) => {
    const spec: FaultSpec = { kind, fromMs: 0, toMs: 1, ...severe };
    const state = new FaultState();
    faultEffects[kind](state, spec, 1);
    expect({ ...state }).toEqual({ ...fresh(), ...changedBy[kind] });
    faultEffects[kind](state, spec, 1);
    faultEffects[kind](state, spec, -1);
    expect({ ...state }).toEqual({ ...fresh(), ...changedBy[kind] });
    faultEffects[kind](state, spec, -1);
    expect({ ...state }).toEqual(fresh());
  });

  it('overlapping windows add up while open: counters count, slowdowns multiply and divide back', () => {
    const state = new FaultState();
    faultEffects['db-outage'](state, { kind: 'db-outage' }, 1);
    faultEffects['db-outage'](state, { kind: 'db-outage' }, 1);
    expect(state.dbOutage).toBe(2);
    const a: FaultSpec = { kind: 'db-overload', slowdownFactor: 2, offlineWorkersPct: 10 };
    const b: FaultSpec = { kind: 'db-overload', slowdownFactor: 5, offlineWorkersPct: 30 };
    faultEffects['db-overload'](state, a, 1);
    faultEffects['db-overload'](state, b, 1);
    expect([state.dbSlowdownFactor, state.dbOfflineWorkersPct]).toEqual([10, 40]);
    faultEffects['db-overload'](state, a, -1);
    expect([state.dbSlowdownFactor, state.dbOfflineWorkersPct]).toEqual([5, 30]);
    const lost: FaultSpec = { kind: 'receipt-lost', probabilityPct: 20 };
    faultEffects['receipt-lost'](state, lost, 1);
    faultEffects['receipt-lost'](state, { ...lost, probabilityPct: 15 }, 1);
    expect(state.receiptLostPct).toBe(35);
  });

  it('the longest of equal or never-opened windows: healing one of two equal windows keeps the value, healing one never opened changes nothing', () => {
    const state = new FaultState();
    const crash = (downMs: number): FaultSpec => ({ kind: 'crash-after-ack', probabilityPct: 10, downMs });
    faultEffects['crash-after-ack'](state, crash(HOUR_MS), 1);
    faultEffects['crash-after-ack'](state, crash(HOUR_MS), 1);
    faultEffects['crash-after-ack'](state, crash(HOUR_MS), -1);
    expect(state.crashDownMs).toBe(HOUR_MS);
    faultEffects['crash-after-ack'](state, crash(DAY_MS), -1);
    expect([state.crashDownMs, state.openCrashDownMs]).toEqual([HOUR_MS, [HOUR_MS]]);
  });

  it('defaults are off: a window without parameters changes nothing but its on/off count (backup-spike: its lock takes every worker)', () => {
    const bare: Partial<Record<WindowFaultKind, Partial<FaultState>>> = {
      'backup-spike': { dbOfflineWorkersPct: 100 },
      'db-outage': { dbOutage: 1 },
      'db-log-full': { dbLogFull: 1 },
      'premature-ack': { prematureAck: 1 },
      'case-system-outage': { caseSystemDown: 1 },
      'crash-after-ack': { openCrashDownMs: [0] },
      'receipt-late': { openReceiptLateDelayMs: [0] },
      'fallback-disabled': { fallbackDisabled: 1 },
      'fallback-channel-down': { fallbackChannelDown: 1 },
      'recipient-role-missing': { roleMissing: 1 },
    };
    for (const kind of windowFaultKinds) {
      const state = new FaultState();
      faultEffects[kind](state, { kind }, 1);
      expect({ kind, state: { ...state } }).toEqual({ kind, state: { ...fresh(), ...bare[kind] } });
    }
    const spike = new FaultState();
    faultEffects['backup-spike'](spike, { kind: 'backup-spike', offlineWorkersPct: 25 }, 1);
    expect(spike.dbOfflineWorkersPct).toBe(25);
  });
});

/** Runs a plan on a scheduler against recording targets; `probe` reads receiver 0's state at given times. */
function runPlan(plan: FaultSpec[], untilMs: number, probeAtMs: number[] = []) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const states = [new FaultState(), new FaultState()];
  const calls: string[] = [];
  const targets: FaultTargets = {
    indexesOf: (spec) => (spec.targets === undefined ? [0, 1] : spec.targets.map((id) => Number(id.slice(1)))),
    stateOf: (i) => states[i] as FaultState,
    crashCaseSystem: (i, downMs) => calls.push(`crash ${i} ${downMs}@${clock.now()}`),
    killDbSessions: (i) => calls.push(`kill ${i}@${clock.now()}`),
    purgeNow: (receivers) => calls.push(`purge ${[...receivers].join(',')}@${clock.now()}`),
  };
  scheduleFaults(plan, clock, ledger, targets);
  const probes: number[][] = [];
  for (const t of probeAtMs) clock.at(t, () => probes.push([t, states[0]?.dbOutage ?? -1, states[1]?.dbOutage ?? -1]));
  clock.runUntil(untilMs);
  const faults = ofKind(ledger.entries, 'fault').map((e) => `${e.fault}:${e.phase}@${e.t / HOUR_MS}h ${e.target}`);
  return { faults, probes, calls, states };
}

describe('scheduling the plan', () => {
  it('a window is open from fromMs to toMs exactly, on the receivers it targets only', () => {
    const { probes, faults } = runPlan([{ kind: 'db-outage', fromMs: HOUR_MS, toMs: 2 * HOUR_MS, targets: ['r1'] }], DAY_MS,
      [HOUR_MS - 1, HOUR_MS + 1, 2 * HOUR_MS - 1, 2 * HOUR_MS + 1]);
    expect(probes).toEqual([[HOUR_MS - 1, 0, 0], [HOUR_MS + 1, 0, 1], [2 * HOUR_MS - 1, 0, 1], [2 * HOUR_MS + 1, 0, 0]]);
    expect(faults).toEqual(['db-outage:start@1h r1', 'db-outage:heal@2h r1']);
  });

  it('overlapping windows of one kind: the receiver stays faulty until the last heals', () => {
    const { probes } = runPlan([
      { kind: 'db-outage', fromMs: HOUR_MS, toMs: 3 * HOUR_MS },
      { kind: 'db-outage', fromMs: 2 * HOUR_MS, toMs: 4 * HOUR_MS },
    ], DAY_MS, [1.5 * HOUR_MS, 2.5 * HOUR_MS, 3.5 * HOUR_MS, 4.5 * HOUR_MS]);
    expect(probes.map(([, a]) => a)).toEqual([1, 2, 1, 0]);
  });

  it('a window repeating without repeatUntilMs reopens every period; every target is named in the ledger', () => {
    const { faults } = runPlan([{ kind: 'db-outage', fromMs: HOUR_MS, toMs: 2 * HOUR_MS, repeatEveryMs: DAY_MS, targets: ['r0', 'r1'] }], 2 * DAY_MS + 3 * HOUR_MS);
    expect(faults).toEqual([
      'db-outage:start@1h r0,r1', 'db-outage:heal@2h r0,r1', 'db-outage:start@25h r0,r1', 'db-outage:heal@26h r0,r1',
      'db-outage:start@49h r0,r1', 'db-outage:heal@50h r0,r1',
    ]);
  });

  it('with the ledger keeping nothing, a listener of fault entries still hears every start and heal, repeats included', () => {
    const clock = new Scheduler();
    const ledger = new Ledger(false);
    const heard: string[] = [];
    ledger.subscribe((e) => {
      if (e.kind === 'fault') heard.push(`${e.phase}@${e.t / HOUR_MS}h`);
    }, ['fault']);
    const state = new FaultState();
    scheduleFaults([{ kind: 'db-outage', fromMs: HOUR_MS, toMs: 2 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: DAY_MS + 2 * HOUR_MS }], clock, ledger, {
      indexesOf: () => [0], stateOf: () => state, crashCaseSystem: () => undefined, killDbSessions: () => undefined, purgeNow: () => undefined,
    });
    clock.runUntil(3 * DAY_MS);
    expect(heard).toEqual(['start@1h', 'heal@2h', 'start@25h', 'heal@26h']);
    expect(ledger.entries).toEqual([]);
    expect(ledger.count).toBe(4);
  });

  it('events fire once at atMs on the receivers they name: crash for downMs, session kill, purge', () => {
    const { faults, calls } = runPlan([
      { kind: 'case-system-crash', atMs: HOUR_MS, downMs: 5_000, targets: ['r1'] },
      { kind: 'db-session-kill', atMs: 2 * HOUR_MS },
      { kind: 'early-purge', atMs: 3 * HOUR_MS, targets: ['r0'] },
    ], DAY_MS);
    expect(calls).toEqual([`crash 1 5000@${HOUR_MS}`, `kill 0@${2 * HOUR_MS}`, `kill 1@${2 * HOUR_MS}`, `purge 0@${3 * HOUR_MS}`]);
    expect(faults).toEqual(['case-system-crash:event@1h r1', 'db-session-kill:event@2h *', 'early-purge:event@3h r0']);
  });

  it('refuses a fault only a real system can show, naming the field', () => {
    expect(() => runPlan([{ kind: 'db-lock-timeout', fromMs: 0, toMs: 1, timeoutMs: 100 }], DAY_MS))
      .toThrow(/E_FAULT_FIELD: faults\[0\]\.kind is "db-lock-timeout" — expected a fault the simulated runtime models; db-lock-timeout is set on a real system's database role\nHint: use it in a system profile for `kvittering test`/);
  });

  it('system kinds are windows; simulated kinds are not system kinds', () => {
    expect(isWindowKind('db-connection-exhaustion')).toBe(true);
    expect(isSystemKind('db-statement-timeout')).toBe(true);
    expect(isSystemKind('db-outage')).toBe(false);
    expect(isWindowKind('early-purge')).toBe(false);
  });
});

describe('the last fault instant (the quiet phase starts after it)', () => {
  it('is 0 without faults, the heal of a window, the instant of an event, the latest of all', () => {
    expect(lastFaultMs([])).toBe(0);
    expect(lastFaultMs([{ kind: 'db-outage', fromMs: HOUR_MS, toMs: 2 * HOUR_MS }])).toBe(2 * HOUR_MS);
    expect(lastFaultMs([{ kind: 'early-purge', atMs: 5 * HOUR_MS }])).toBe(5 * HOUR_MS);
    expect(lastFaultMs([{ kind: 'early-purge', atMs: 5 * HOUR_MS }, { kind: 'db-outage', fromMs: 0, toMs: 3 * HOUR_MS }])).toBe(5 * HOUR_MS);
    expect(lastFaultMs([{ kind: 'db-outage', fromMs: 0, toMs: 7 * HOUR_MS }, { kind: 'early-purge', atMs: 5 * HOUR_MS }])).toBe(7 * HOUR_MS);
  });

  it('a repeating window ends a window-length after repeatUntilMs, never before its first heal', () => {
    expect(lastFaultMs([{ kind: 'db-outage', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: 5 * DAY_MS }])).toBe(5 * DAY_MS + 3 * HOUR_MS);
    expect(lastFaultMs([{ kind: 'db-outage', fromMs: 5 * HOUR_MS, toMs: 10 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: HOUR_MS }])).toBe(10 * HOUR_MS);
    // repeatUntilMs without a period repeats nothing, so it does not push the quiet phase back.
    expect(lastFaultMs([{ kind: 'db-outage', fromMs: 0, toMs: HOUR_MS, repeatUntilMs: 5 * DAY_MS }])).toBe(HOUR_MS);
  });
});

describe('validating the plan', () => {
  const ok = (spec: FaultSpec, ids: string[] = ['a']) => () => validateFaultPlan([spec], ids);
  const win = { kind: 'db-outage' as const, fromMs: 0, toMs: HOUR_MS };

  it.each(['fromMs', 'toMs', 'repeatEveryMs', 'repeatUntilMs', 'delayMs', 'downMs', 'notificationsPerDay', 'offlineWorkersPct', 'timeoutMs'] as const)(
    '%s must be a finite number ≥ 0', (field) => {
      for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5']) {
        expect(ok({ ...win, fromMs: 0, toMs: HOUR_MS, [field]: bad }))
          .toThrow(`faults[0].${field} is ${JSON.stringify(bad)} — expected a finite number ≥ 0`);
      }
    });

  it('atMs must be a finite number ≥ 0', () => {
    expect(ok({ kind: 'early-purge', atMs: -1 })).toThrow('faults[0].atMs is -1 — expected a finite number ≥ 0');
    expect(ok({ kind: 'early-purge', atMs: 0 })).not.toThrow();
  });

  it('percentages run from 0 to 100 inclusive; a slowdown is a multiplier ≥ 1', () => {
    const lost = { kind: 'receipt-lost' as const, fromMs: 0, toMs: 1 };
    expect(ok({ ...lost, probabilityPct: 0 })).not.toThrow();
    expect(ok({ ...lost, probabilityPct: 100 })).not.toThrow();
    expect(ok({ ...lost, probabilityPct: -0.5 })).toThrow('faults[0].probabilityPct is -0.5 — expected a percentage from 0 to 100');
    expect(ok({ ...lost, probabilityPct: 100.5 })).toThrow('faults[0].probabilityPct is 100.5 — expected a percentage from 0 to 100');
    const load = { kind: 'db-overload' as const, fromMs: 0, toMs: 1 };
    expect(ok({ ...load, offlineWorkersPct: 100 })).not.toThrow();
    expect(ok({ ...load, offlineWorkersPct: 101 })).toThrow('faults[0].offlineWorkersPct is 101 — expected a percentage from 0 to 100');
    expect(ok({ ...load, slowdownFactor: 1 })).not.toThrow();
    expect(ok({ ...load, slowdownFactor: 0.9 })).toThrow('faults[0].slowdownFactor is 0.9 — expected a number ≥ 1 (a multiplier of service time)');
    expect(ok({ ...load, slowdownFactor: Number.POSITIVE_INFINITY })).toThrow('faults[0].slowdownFactor is null — expected a number ≥ 1');
  });

  it('a window needs a start, an end not before it, and a repeat period longer than itself', () => {
    expect(ok({ kind: 'db-outage', toMs: 1 })).toThrow('faults[0].fromMs is undefined — expected a start time for the "db-outage" window');
    expect(ok({ kind: 'db-outage', fromMs: 1 })).toThrow('faults[0].toMs is undefined — expected an end time for the "db-outage" window');
    expect(ok({ ...win, fromMs: 5, toMs: 4 })).toThrow('faults[0].toMs is 4 — expected a time ≥ fromMs (5)');
    expect(ok({ ...win, fromMs: 5, toMs: 5 })).not.toThrow();
    expect(ok({ ...win, fromMs: 0, toMs: HOUR_MS, repeatEveryMs: HOUR_MS })).toThrow(`faults[0].repeatEveryMs is ${HOUR_MS} — expected a period longer than the window itself`);
    expect(ok({ ...win, fromMs: 0, toMs: HOUR_MS, repeatEveryMs: HOUR_MS + 1 })).not.toThrow();
    expect(ok({ kind: 'db-session-kill' })).toThrow('faults[0].atMs is undefined — expected the instant of the "db-session-kill" event');
  });

  it('names the first missing parameter of a kind that needs two together, and every way to satisfy it', () => {
    expect(ok({ kind: 'crash-after-ack', fromMs: 0, toMs: 1, probabilityPct: 10 }))
      .toThrow('faults[0].downMs is undefined — expected a value: "crash-after-ack" needs probabilityPct and downMs, or it has no effect\nHint: faults have no worst-case defaults: say how severe the fault is');
    expect(ok({ kind: 'crash-after-ack', fromMs: 0, toMs: 1, downMs: 10 })).toThrow('faults[0].probabilityPct is undefined');
    expect(ok({ kind: 'crash-after-ack', fromMs: 0, toMs: 1, downMs: 10, probabilityPct: 10 })).not.toThrow();
    expect(ok({ kind: 'db-overload', fromMs: 0, toMs: 1, slowdownFactor: 2 })).not.toThrow();
    expect(ok({ kind: 'backup-spike', fromMs: 0, toMs: 1 })).not.toThrow();
    for (const kind of ['db-slow-commit', 'receipt-duplicated', 'wrong-route', 'notification-flood'] as const) {
      expect(ok({ kind, fromMs: 0, toMs: 1 })).toThrow(`"${kind}" needs`);
    }
  });

  it('system kinds: refused unless the caller carries them out, then validated like any window', () => {
    const timeout = { kind: 'db-statement-timeout' as const, fromMs: 0, toMs: 1 };
    expect(ok({ ...timeout, timeoutMs: 100 })).toThrow(/faults\[0\]\.kind is "db-statement-timeout" — expected one of db-overload, backup-spike, db-outage, db-slow-commit, db-log-full, premature-ack, case-system-outage, crash-after-ack, receipt-lost, receipt-duplicated, receipt-late, wrong-route, fallback-disabled, fallback-channel-down, recipient-role-missing, notification-flood, case-system-crash, early-purge, db-session-kill$/);
    expect(() => validateFaultPlan([{ ...timeout, timeoutMs: 100 }], ['a'], 'system.faults', ['db-statement-timeout'])).not.toThrow();
    expect(() => validateFaultPlan([timeout], ['a'], 'system.faults', ['db-statement-timeout']))
      .toThrow('system.faults[0].timeoutMs is undefined — expected a value: "db-statement-timeout" needs timeoutMs');
    expect(() => validateFaultPlan([{ kind: 'db-lock-timeout', fromMs: 0, toMs: 1 }], ['a'], 'system.faults', ['db-lock-timeout']))
      .toThrow('system.faults[0].timeoutMs is undefined — expected a value: "db-lock-timeout" needs timeoutMs');
  });

  it('an unknown target lists at most eight receiver ids', () => {
    const eight = Array.from({ length: 8 }, (_, i) => `k${i}`);
    expect(ok({ ...win, targets: ['k0', 'zz'] }, eight)).toThrow('E_FAULT_FIELD: faults[0].targets[1] is "zz" — expected a receiver id (k0, k1, k2, k3, k4, k5, k6, k7)');
    expect(ok({ ...win, targets: ['zz'] }, [...eight, 'k8'])).toThrow('expected a receiver id (k0, k1, k2, k3, k4, k5, k6, k7, …)');
    expect(ok({ ...win, targets: ['k8'] }, [...eight, 'k8'])).not.toThrow();
  });
});
