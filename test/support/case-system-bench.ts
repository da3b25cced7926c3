// One CaseSystem on the virtual clock with every port in the test's hand: a storage whose lookups and
// writes wait until the test answers them, a portal that records what it is asked, and a receipt link
// without latency or faults. So a test can put a crash, a redelivery or a poll between any two steps.

import { Ledger } from '../../harness/ledger/ledger.js';
import type { ProtocolReceipt } from '../../harness/ledger/entries.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { CaseSystem, defaultCaseSystemConfig, type CaseSystemConfig } from '../../simulators/case-system/case-system.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import { sqlErrors } from '../../simulators/database/sql-errors.js';
import type { Storage, WriteResult } from '../../simulators/database/storage.js';
import type { PortalApi, TransportAnswer } from '../../simulators/portal/endpoints.js';
import type { MessageHeader } from '../../simulators/portal/message.js';

/** Lookups and writes wait in queues until the test answers them, oldest first. */
class HeldStorage implements Storage {
  readonly stored = new Set<number>();
  private readonly lookups: { msg: number; done: (stored: boolean) => void }[] = [];
  private readonly writes: { msg: number; done: (result: WriteResult) => void }[] = [];
  /** Every write asked for, in order (what the database saw). */
  readonly written: number[] = [];

  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void {
    this.written.push(msg);
    this.writes.push({ msg, done: (result) => done(result, arg) });
  }

  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    this.lookups.push({ msg, done: (stored) => done(stored, arg) });
  }

  abortInFlight(): number {
    return this.writes.length;
  }

  get heldLookups(): number {
    return this.lookups.length;
  }

  get heldWrites(): number {
    return this.writes.length;
  }

  /** Answer every waiting lookup from what is stored (or with `stored` when given). */
  answerLookups(stored?: boolean): void {
    for (const l of this.lookups.splice(0)) l.done(stored ?? this.stored.has(l.msg));
  }

  /** Answer every waiting write: committed, or failed with a lost connection. */
  answerWrites(ok: boolean): void {
    for (const w of this.writes.splice(0)) {
      if (ok) this.stored.add(w.msg);
      w.done(ok ? { ok: true, latencyMs: 5 } : { ok: false, outcome: 'fail', error: sqlErrors.connectionLost(), latencyMs: 5 });
    }
  }
}

/** A SvarInn portal: lists `available`, downloads what it lists, records receipts and calls. */
class RecordingPortal implements PortalApi {
  available: MessageHeader[] = [];
  readonly receipts: { msg: number; receipt: ProtocolReceipt; permanent: boolean | undefined }[] = [];
  readonly listedAtMs: number[] = [];
  readonly downloads: number[] = [];

  constructor(private readonly clock: Scheduler) {}

  receipt(msg: number, receipt: ProtocolReceipt, permanent?: boolean): void {
    this.receipts.push({ msg, receipt, permanent });
  }

  listNew(): readonly MessageHeader[] {
    this.listedAtMs.push(this.clock.now());
    return this.available;
  }

  download(msg: number): MessageHeader | undefined {
    this.downloads.push(msg);
    return this.available.find((h) => h.id === msg);
  }
}

const header = (id: number): MessageHeader => ({ id, receiver: 0, sender: 'public', sentAtMs: 0 });

/** `port`: what the case system writes through, made from the held storage (default: that storage itself). */
function caseSystemBench(config: Partial<CaseSystemConfig> = {}, options: { rng?: Rng; ledger?: Ledger; port?: (held: HeldStorage) => Storage } = {}) {
  const clock = new Scheduler();
  const ledger = options.ledger ?? new Ledger();
  const faults = new FaultState();
  const storage = new HeldStorage();
  const portal = new RecordingPortal(clock);
  const link = new ReceiptLink(portal, clock, new Rng(1).fork('link'), ledger, faults, 0);
  const caseSystem = new CaseSystem(0, { ...defaultCaseSystemConfig, ...config }, clock, options.rng ?? new Rng(1), ledger, faults, options.port?.(storage) ?? storage, link);
  /** Transport answers as [delivery label, answer]. */
  const answers: [string, TransportAnswer][] = [];
  const push = (id: number, label: string, redelivered = false) => {
    caseSystem.deliver({ msg: header(id), attempt: redelivered ? 2 : 1, redelivered, respond: (a) => answers.push([label, a]) });
  };
  /** Let due events run (processing delay, backoffs, receipts on the link). */
  const runFor = (ms: number) => clock.runUntil(clock.now() + ms);
  return { clock, ledger, faults, storage, portal, caseSystem, answers, push, runFor };
}

export { caseSystemBench, header, HeldStorage, RecordingPortal };
