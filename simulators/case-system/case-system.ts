// The municipal case system (Visma Familia's role): receive a report, store it, answer with a receipt.
// The acknowledgement policy is the whole story of the 2023 incident:
//   after-commit    — store first; ack and "mottatt" only after the commit; a failed write asks the
//                     portal to try again (nack-with-requeue / mottakFeilet permanent=false).
//   before-commit   — ack and "mottatt" on arrival, then write; a failed write is logged and dropped.
//   retry-then-fail — the vendor's fix: retry with backoff, then "feilet" so the portal prints.
// Redelivered duplicates are answered from what the database really holds, never from memory of
// having seen the id (which is how a duplicate could hide a lost first copy — see dedupeBy 'seen').

import type { Clock } from '../../harness/runtime/clock.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { FaultState } from '../../harness/faults/fault-state.js';
import type { Rng } from '../../harness/runtime/rng.js';
import { MINUTE_MS } from '../../harness/runtime/time.js';
import { sqlErrorLabel } from '../database/sql-errors.js';
import type { Storage, WriteResult } from '../database/storage.js';
import type { Delivery, PortalApi, PushEndpoint, TransportAnswer } from '../portal/endpoints.js';
import type { ReceiptLink } from '../portal/receipt-link.js';

/** When the case system receipts: after-commit (correct), before-commit (the 2023 flaw), retry-then-fail (the vendor fix). */
const ackPolicies = ['after-commit', 'before-commit', 'retry-then-fail'] as const;
type AckPolicy = typeof ackPolicies[number];

interface CaseSystemConfig {
  ackPolicy: AckPolicy;
  /** retry-then-fail: write attempts after the first. */
  retries: number;
  /** retry-then-fail: first backoff; doubles each retry. */
  retryBackoffMs: number;
  /** Import and parse time before the write starts: the window a before-commit ack lies across. */
  processingDelayMs: number;
  /** 'stored' (correct) asks the database; 'seen' trusts an in-memory set — a known-bad variant. */
  dedupeBy: 'stored' | 'seen';
  /** Poll style (SvarInn): how often to call hentNyeForsendelser (KS recommends 15 minutes). */
  pollIntervalMs: number;
}

const defaultCaseSystemConfig: CaseSystemConfig = {
  ackPolicy: 'after-commit',
  retries: 3,
  retryBackoffMs: 2_000,
  processingDelayMs: 200,
  dedupeBy: 'stored',
  pollIntervalMs: 15 * MINUTE_MS,
};

/** How the case system answers one delivery; push and poll differ only here. */
interface Reply {
  /** Transport ack (push: AMQP basic.ack; poll: the download already succeeded). */
  ack(): void;
  /** Ask for the message again later (push: nack-with-requeue; poll: mottakFeilet permanent=false). */
  retryLater(): void;
  receipt(receipt: 'mottatt' | 'feilet', committed: boolean): void;
}

type DiscardListener = (msg: number) => void;

class CaseSystem implements PushEndpoint {
  private readonly pending = new Map<number, Reply[]>();
  /** Ids accepted since the last crash; kept only for dedupeBy 'seen', the only reader. */
  private readonly seen = new Set<number>();
  private readonly inPoll = new Set<number>();
  private downUntilMs = -1;
  /** Bumped by a crash: callbacks that belong to an earlier life are ignored. */
  private epoch = 0;
  private readonly discardListeners: DiscardListener[] = [];

  constructor(
    readonly receiver: number,
    private readonly config: CaseSystemConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
    private readonly faults: FaultState,
    private readonly storage: Storage,
    private readonly link: ReceiptLink,
  ) {}

  /** An alerting control can listen for the errors a before-commit case system only logs. */
  onDiscard(listener: DiscardListener): void {
    this.discardListeners.push(listener);
  }

  /** Which life of the process this is: a crash starts a new one (a broker sees a new connection). */
  get incarnation(): number {
    return this.epoch;
  }

  isDown(): boolean {
    return this.clock.now() < this.downUntilMs || this.faults.caseSystemDown > 0;
  }

  /** The process dies: in-flight writes roll back, pending work is forgotten, it restarts after downMs. */
  crash(downMs: number): void {
    if (this.isDown()) return;
    this.epoch++;
    this.downUntilMs = this.clock.now() + downMs;
    const abortedWrites = this.storage.abortInFlight();
    this.pending.clear();
    this.seen.clear();
    this.inPoll.clear();
    this.ledger.append({ t: this.clock.now(), kind: 'crash', receiver: this.receiver, downMs, abortedWrites });
    this.clock.after(downMs, () => this.ledger.append({ t: this.clock.now(), kind: 'restart', receiver: this.receiver }));
  }

  // --- push (Fiks IO) -------------------------------------------------------------------------------

  deliver(delivery: Delivery, respond: (answer: TransportAnswer) => void): void {
    if (this.isDown()) return; // no answer at all: the portal's delivery timeout will fire
    const msg = delivery.msg.id;
    this.accept(msg, {
      ack: () => respond('ack'),
      retryLater: () => respond('nack-requeue'),
      receipt: (receipt, committed) => this.link.send(msg, receipt, committed),
    });
  }

  // --- poll (SvarInn) -------------------------------------------------------------------------------

  /** Start the polling loop against the portal. */
  startPolling(portal: PortalApi): void {
    const tick = () => {
      if (!this.isDown()) this.poll(portal);
      this.clock.after(this.config.pollIntervalMs, tick);
    };
    this.clock.after(this.rng.next() * this.config.pollIntervalMs, tick);
  }

  private poll(portal: PortalApi): void {
    for (const header of portal.listNew(this.receiver)) {
      // A crash after an acknowledgement earlier in this poll kills the process: nothing more is handled.
      if (this.isDown()) return;
      const msg = header.id;
      if (this.inPoll.has(msg)) continue;
      if (portal.download(msg) === undefined) continue;
      this.inPoll.add(msg);
      this.accept(msg, {
        ack: () => undefined,
        retryLater: () => {
          this.inPoll.delete(msg);
          this.link.send(msg, 'feilet', false, false);
        },
        receipt: (receipt, committed) => {
          this.inPoll.delete(msg);
          this.link.send(msg, receipt, committed, receipt === 'feilet' ? true : undefined);
        },
      });
    }
  }

  // --- one delivery ----------------------------------------------------------------------------------

  private accept(msg: number, reply: Reply): void {
    const policy = this.faults.prematureAck > 0 ? 'before-commit' : this.config.ackPolicy;
    if (this.config.dedupeBy === 'seen' && this.seen.has(msg)) {
      this.ledger.append({ t: this.clock.now(), kind: 'duplicate-delivery', msg, action: 'ignored-seen' });
      this.acknowledge(msg, reply, true);
      return;
    }
    const waiting = this.pending.get(msg);
    if (waiting !== undefined) {
      this.ledger.append({ t: this.clock.now(), kind: 'duplicate-delivery', msg, action: 'joined-pending' });
      if (policy === 'before-commit') this.acknowledge(msg, reply, false);
      else waiting.push(reply);
      return;
    }
    const epoch = this.epoch;
    // Claim the message before looking it up: with an asynchronous store (any real driver), a
    // redelivery arriving while the lookup is in flight must join this delivery, not start a second
    // write and leave this reply unanswered.
    const replies = [reply];
    this.pending.set(msg, replies);
    this.storage.lookup(msg, (stored) => {
      if (epoch !== this.epoch) return;
      if (stored) {
        this.pending.delete(msg);
        this.ledger.append({ t: this.clock.now(), kind: 'duplicate-delivery', msg, action: 'already-stored' });
        for (const r of replies) if (!this.acknowledge(msg, r, true)) return;
        return;
      }
      if (this.config.dedupeBy === 'seen') this.seen.add(msg); // only that variant reads it
      if (policy === 'before-commit') {
        if (!this.acknowledge(msg, reply, false)) return;
      }
      this.clock.after(this.config.processingDelayMs, () => {
        if (epoch === this.epoch) this.write(msg, policy, 1, epoch);
      });
    });
  }

  private write(msg: number, policy: AckPolicy, attempt: number, epoch: number): void {
    if (this.ledger.wants('write')) this.ledger.append({ t: this.clock.now(), kind: 'write', msg, receiver: this.receiver, attempt });
    this.storage.write(msg, (result: WriteResult) => {
      if (epoch !== this.epoch) return;
      if (this.ledger.wants('write-result')) this.ledger.append(result.ok
        ? { t: this.clock.now(), kind: 'write-result', msg, outcome: 'ok', latencyMs: result.latencyMs }
        : { t: this.clock.now(), kind: 'write-result', msg, outcome: result.outcome, error: sqlErrorLabel(result.error), latencyMs: result.latencyMs });
      if (result.ok) {
        this.settle(msg, policy, 'stored');
      } else if (policy === 'retry-then-fail' && attempt <= this.config.retries) {
        const backoffMs = this.config.retryBackoffMs * 2 ** (attempt - 1);
        this.ledger.append({ t: this.clock.now(), kind: 'retry', msg, attempt: attempt + 1, backoffMs });
        this.clock.after(backoffMs, () => {
          if (epoch === this.epoch) this.write(msg, policy, attempt + 1, epoch);
        });
      } else {
        this.settle(msg, policy, 'failed');
      }
    });
  }

  private settle(msg: number, policy: AckPolicy, outcome: 'stored' | 'failed'): void {
    const replies = this.pending.get(msg) ?? [];
    this.pending.delete(msg);
    if (policy === 'before-commit') {
      // The receipt went out long ago. A failure is only logged — the flaw.
      if (outcome === 'failed') {
        this.ledger.append({ t: this.clock.now(), kind: 'discard', msg, reason: 'write failed after receipt was sent' });
        for (const listener of this.discardListeners) listener(msg);
      }
      return;
    }
    for (const reply of replies) {
      if (outcome === 'stored') {
        if (!this.acknowledge(msg, reply, true)) return;
      } else if (policy === 'retry-then-fail') {
        reply.ack();
        reply.receipt('feilet', false);
      } else {
        reply.retryLater();
      }
    }
  }

  /**
   * Transport ack and "mottatt". The crash-after-ack fault strikes right after the acknowledgement:
   * before the write when the ack was premature (the write is lost), or between the transport ack and
   * the receipt when the record is already committed (only the receipt is lost). False after a crash.
   */
  private acknowledge(msg: number, reply: Reply, committed: boolean): boolean {
    reply.ack();
    if (!committed) reply.receipt('mottatt', false);
    if (this.faults.crashAfterAckPct > 0 && this.rng.chancePct(this.faults.crashAfterAckPct)) {
      this.crash(this.faults.crashDownMs);
      return false;
    }
    if (committed) reply.receipt('mottatt', true);
    return true;
  }
}

export { CaseSystem, defaultCaseSystemConfig, ackPolicies };
export type { AckPolicy, CaseSystemConfig };
