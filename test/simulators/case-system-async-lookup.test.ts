// Regression test for a race found by the fc.scheduler property in test/property/case-system-races:
// with a storage whose lookup answers asynchronously (any real driver), a redelivery arriving while the
// first delivery's lookup is still in flight started a second write of the same message, and the first
// delivery's reply was dropped. The case system now claims the message before it looks it up.

import { describe, expect, it } from 'vitest';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { CaseSystem, defaultCaseSystemConfig } from '../../simulators/case-system/case-system.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import type { Storage, WriteResult } from '../../simulators/database/storage.js';
import type { PortalApi, TransportAnswer } from '../../simulators/portal/endpoints.js';

/** Lookups and writes wait in queues until the test answers them. */
class DeferredStorage implements Storage {
  readonly lookups: (() => void)[] = [];
  readonly writes: ((ok: boolean) => void)[] = [];
  private readonly stored = new Set<number>();
  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void {
    this.writes.push((ok) => {
      if (ok) this.stored.add(msg);
      done({ ok: true, latencyMs: 0 }, arg);
    });
  }
  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    this.lookups.push(() => done(this.stored.has(msg), arg));
  }
  abortInFlight(): number {
    return 0;
  }
}

const portal: PortalApi = { receipt: () => undefined, listNew: () => [], download: () => undefined };

describe('case system with an asynchronous lookup', () => {
  it.each(['after-commit', 'retry-then-fail'] as const)('%s: a redelivery during the lookup joins the first delivery', (ackPolicy) => {
    const clock = new Scheduler();
    const ledger = new Ledger();
    const faults = new FaultState();
    const storage = new DeferredStorage();
    const link = new ReceiptLink(portal, clock, new Rng(1).fork('link'), ledger, faults, 0);
    const caseSystem = new CaseSystem(0, { ...defaultCaseSystemConfig, ackPolicy }, clock, new Rng(1), ledger, faults, storage, link);
    const answers: [number, TransportAnswer][] = [];
    const header = { id: 7, receiver: 0, sender: 'public' as const, sentAtMs: 0 };

    caseSystem.deliver({ msg: header, attempt: 1, redelivered: false, respond: (a) => answers.push([1, a]) });
    caseSystem.deliver({ msg: header, attempt: 2, redelivered: true, respond: (a) => answers.push([2, a]) });
    for (const answer of storage.lookups.splice(0)) answer();
    clock.runUntil(1_000);
    expect(storage.writes).toHaveLength(1);
    storage.writes[0]?.(true);
    clock.runUntil(2_000);

    expect(ofKind(ledger.entries, 'write')).toHaveLength(1);
    expect(ofKind(ledger.entries, 'duplicate-delivery').map((e) => e.action)).toEqual(['joined-pending']);
    // Both deliveries are answered: nothing is left waiting on a reply that was dropped.
    expect(answers).toEqual([[1, 'ack'], [2, 'ack']]);
  });
});
