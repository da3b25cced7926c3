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
import type { Delivery, PortalApi, PushEndpoint } from '../portal/endpoints.js';
import type { MessageHeader } from '../portal/message.js';
import type { ReceiptLink } from '../portal/receipt-link.js';
import { IdTable } from './id-table.js';

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

/**
 * How the case system answers one delivery — data, not closures: push keeps the delivery, which takes
 * the transport answer (AMQP ack / nack-with-requeue), poll (SvarInn) has none (undefined: the download
 * already succeeded). Push and poll differ only in how ack, retryLater and receipt treat it (see those methods).
 */
type Reply = Delivery | undefined;

/**
 * One message the case system is storing: the deliveries waiting on it and where its write stands.
 * Its events and storage answers go to handlers made once with the job as their argument, so a
 * delivery costs this record instead of a closure per step.
 */
interface Job {
  readonly msg: number;
  readonly policy: AckPolicy;
  /** The life of the process the job belongs to: a crash makes its later answers stale. */
  readonly epoch: number;
  /** The delivery that started the job. */
  readonly first: Reply;
  /** Deliveries that joined it while it was pending (redeliveries; usually none), in arrival order. */
  joined: Reply[] | undefined;
  attempt: number;
}

type DiscardListener = (msg: number) => void;

class CaseSystem implements PushEndpoint {
  private readonly pending = new IdTable<Job>();
  /** Ids accepted since the last crash; kept only for dedupeBy 'seen', the only reader. */
  private readonly seen = new Set<number>();
  /** Ids downloaded in a poll and not yet answered: a later poll skips them. */
  private readonly inPoll = new IdTable<true>();
  private downUntilMs = -1;
  /** Bumped by a crash: callbacks that belong to an earlier life are ignored. */
  private epoch = 0;
  private readonly discardListeners: DiscardListener[] = [];
  // Timer and storage handlers made once: an event or an answer is (handler, job).
  private readonly onWriteDue = (job: Job): void => {
    if (job.epoch === this.epoch) this.write(job);
  };
  private readonly onLooked = (stored: boolean, job: Job): void => this.looked(job, stored);
  private readonly onWritten = (result: WriteResult, job: Job): void => this.written(job, result);
  private readonly onRestart = (): void => {
    this.ledger.append({ t: this.clock.now(), kind: 'restart', receiver: this.receiver });
  };

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
    this.clock.after(downMs, this.onRestart);
  }

  // --- push (Fiks IO) -------------------------------------------------------------------------------

  deliver(delivery: Delivery): void {
    if (this.isDown()) return; // no answer at all: the portal's delivery timeout will fire
    this.accept(delivery.msg.id, delivery);
  }

  // --- poll (SvarInn) -------------------------------------------------------------------------------

  /** Start the polling loop against the portal. */
  startPolling(portal: PortalApi): void {
    // Posted, not `after`: nothing cancels a poll, so it needs no cancel token (one per poll otherwise).
    const tick = () => {
      if (!this.isDown()) this.poll(portal);
      this.clock.post(this.config.pollIntervalMs, tick, undefined);
    };
    this.clock.post(this.rng.next() * this.config.pollIntervalMs, tick, undefined);
  }

  private poll(portal: PortalApi): void {
    const shipments = portal.listNew(this.receiver);
    for (let i = 0; i < shipments.length; i++) {
      // A crash after an acknowledgement earlier in this poll kills the process: nothing more is handled.
      if (this.isDown()) return;
      const msg = (shipments[i] as MessageHeader).id;
      if (this.inPoll.has(msg)) continue;
      if (portal.download(msg) === undefined) continue;
      this.inPoll.add(msg, true);
      this.accept(msg, undefined);
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
      else if (waiting.joined === undefined) waiting.joined = [reply];
      else waiting.joined.push(reply);
      return;
    }
    // Claim the message before looking it up: with an asynchronous store (any real driver), a
    // redelivery arriving while the lookup is in flight must join this delivery, not start a second
    // write and leave this reply unanswered.
    const job: Job = { msg, policy, epoch: this.epoch, first: reply, joined: undefined, attempt: 1 };
    this.pending.add(msg, job);
    this.storage.lookup(msg, this.onLooked, job);
  }

  private looked(job: Job, stored: boolean): void {
    if (job.epoch !== this.epoch) return;
    const msg = job.msg;
    if (stored) {
      this.pending.delete(msg);
      this.ledger.append({ t: this.clock.now(), kind: 'duplicate-delivery', msg, action: 'already-stored' });
      for (let i = 0; i < replyCount(job); i++) if (!this.acknowledge(msg, replyAt(job, i), true)) return;
      return;
    }
    if (this.config.dedupeBy === 'seen') this.seen.add(msg); // only that variant reads it
    if (job.policy === 'before-commit') {
      if (!this.acknowledge(msg, job.first, false)) return;
    }
    this.clock.post(this.config.processingDelayMs, this.onWriteDue, job);
  }

  private write(job: Job): void {
    if (this.ledger.wants('write')) this.ledger.append({ t: this.clock.now(), kind: 'write', msg: job.msg, receiver: this.receiver, attempt: job.attempt });
    this.storage.write(job.msg, this.onWritten, job);
  }

  private written(job: Job, result: WriteResult): void {
    if (job.epoch !== this.epoch) return;
    const { msg, policy, attempt } = job;
    if (this.ledger.wants('write-result')) this.ledger.append(result.ok
      ? { t: this.clock.now(), kind: 'write-result', msg, outcome: 'ok', latencyMs: result.latencyMs }
      : { t: this.clock.now(), kind: 'write-result', msg, outcome: result.outcome, error: sqlErrorLabel(result.error), latencyMs: result.latencyMs });
    if (result.ok) {
      this.settle(job, 'stored');
    } else if (policy === 'retry-then-fail' && attempt <= this.config.retries) {
      const backoffMs = this.config.retryBackoffMs * 2 ** (attempt - 1);
      this.ledger.append({ t: this.clock.now(), kind: 'retry', msg, attempt: attempt + 1, backoffMs });
      job.attempt = attempt + 1;
      this.clock.post(backoffMs, this.onWriteDue, job);
    } else {
      this.settle(job, 'failed');
    }
  }

  private settle(job: Job, outcome: 'stored' | 'failed'): void {
    const { msg, policy } = job;
    this.pending.delete(msg);
    if (policy === 'before-commit') {
      // The receipt went out long ago. A failure is only logged — the flaw.
      if (outcome === 'failed') {
        this.ledger.append({ t: this.clock.now(), kind: 'discard', msg, reason: 'write failed after receipt was sent' });
        for (const listener of this.discardListeners) listener(msg);
      }
      return;
    }
    for (let i = 0; i < replyCount(job); i++) {
      const reply = replyAt(job, i);
      if (outcome === 'stored') {
        if (!this.acknowledge(msg, reply, true)) return;
      } else if (policy === 'retry-then-fail') {
        this.ack(reply);
        this.receipt(msg, reply, 'feilet', false);
      } else {
        this.retryLater(msg, reply);
      }
    }
  }

  /**
   * Transport ack and "mottatt". The crash-after-ack fault strikes right after the acknowledgement:
   * before the write when the ack was premature (the write is lost), or between the transport ack and
   * the receipt when the record is already committed (only the receipt is lost). False after a crash.
   */
  private acknowledge(msg: number, reply: Reply, committed: boolean): boolean {
    this.ack(reply);
    if (!committed) this.receipt(msg, reply, 'mottatt', false);
    if (this.faults.crashAfterAckPct > 0 && this.rng.chancePct(this.faults.crashAfterAckPct)) {
      this.crash(this.faults.crashDownMs);
      return false;
    }
    if (committed) this.receipt(msg, reply, 'mottatt', true);
    return true;
  }

  // --- the three answers, push and poll ---------------------------------------------------------------

  /** Transport ack (push: AMQP basic.ack; poll: nothing, the download already succeeded). */
  private ack(reply: Reply): void {
    reply?.respond('ack');
  }

  /** Ask for the message again later (push: nack-with-requeue; poll: mottakFeilet permanent=false). */
  private retryLater(msg: number, reply: Reply): void {
    if (reply !== undefined) {
      reply.respond('nack-requeue');
      return;
    }
    this.inPoll.delete(msg);
    this.link.send(msg, 'feilet', false, false);
  }

  /** The protocol receipt; a poll feilet is permanent (mottakFeilet permanent=true: the portal prints). */
  private receipt(msg: number, reply: Reply, receipt: 'mottatt' | 'feilet', committed: boolean): void {
    if (reply !== undefined) {
      this.link.send(msg, receipt, committed);
      return;
    }
    this.inPoll.delete(msg);
    this.link.send(msg, receipt, committed, receipt === 'feilet' ? true : undefined);
  }
}

/** How many deliveries wait on the job. */
function replyCount(job: Job): number {
  return job.joined === undefined ? 1 : 1 + job.joined.length;
}

/** The job's i-th delivery in arrival order; i < replyCount(job), so joiners exist when i > 0. */
function replyAt(job: Job, i: number): Reply {
  return i === 0 ? job.first : (job.joined as Reply[])[i - 1];
}

export { CaseSystem, defaultCaseSystemConfig, ackPolicies };
export type { AckPolicy, CaseSystemConfig };
