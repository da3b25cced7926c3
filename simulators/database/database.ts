// A capacity model of one municipality's SQL storage: `workers` sessions served at once, a FIFO queue of
// requests waiting for a memory grant, exponentially distributed service time, and a client-side request
// timeout. Load from the case system and from other jobs (a nightly backup) raises queueing delay until
// writes time out or fail with SQL-Server-shaped errors. It is the ground truth of what is stored.

import type { Clock, Timer } from '../../harness/runtime/clock.js';
import type { Rng } from '../../harness/runtime/rng.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { FaultState } from '../../harness/faults/fault-state.js';
import { sqlErrors, type SqlError } from './sql-errors.js';
import type { Storage, WriteResult } from './storage.js';
import { StoredIds } from './stored-ids.js';

interface DatabaseConfig {
  /** Sessions the server works on at once. */
  workers: number;
  /** Requests that may wait for a memory grant; one more fails at once with 8645. */
  queueLimit: number;
  serviceTimeMeanMs: number;
  /** The client's request timeout (tedious defaults to 15 000 ms). */
  requestTimeoutMs: number;
  /**
   * Probability of a 1205 deadlock victim when every other worker is busy too (with writes or with
   * other load); scales with the square of the share of other workers busy. A write alone on the server can never be a deadlock victim:
   * a deadlock needs a second transaction holding a lock it waits for.
   */
  deadlockPctAtFullLoad: number;
  /** How long a write waits before ESOCKET while the server is unreachable. */
  connectTimeoutMs: number;
  /**
   * Whether the table has a unique key on the message id (the idempotent insert of schema.ts). Without
   * one, a second write of a stored id inserts a second row — the duplicate the oracle must catch.
   */
  uniqueKey: boolean;
}

const defaultDatabaseConfig: DatabaseConfig = {
  workers: 4,
  queueLimit: 200,
  serviceTimeMeanMs: 40,
  requestTimeoutMs: 15_000,
  deadlockPctAtFullLoad: 2,
  connectTimeoutMs: 5_000,
  uniqueKey: true,
};

/** The caller's handler and its argument (Storage.write). */
type Done = (result: WriteResult, arg: unknown) => void;

interface Request {
  msg: number;
  startedAtMs: number;
  done: Done;
  arg: unknown;
  /** The client already got its answer (timed out); the server may still commit. */
  answered: boolean;
  /** Rolled back: the client died, or the client cancelled it while it was still queued. */
  aborted: boolean;
  /** Waiting for a worker (not yet being served). */
  queued: boolean;
  timeout: Timer | undefined;
  /** Order of arrival: the order sessions are killed in. */
  seq: number;
  /** Index in the in-flight list, -1 when not in it. */
  slot: number;
}

/**
 * The requests a client has in flight, as a dense array with swap-removal. A Set would do, but a
 * database with a handful of writes in flight grows and shrinks its hash table on every write.
 */
class InFlight {
  private readonly items: (Request | undefined)[] = [];
  size = 0;

  add(request: Request): void {
    request.slot = this.size;
    if (this.size === this.items.length) this.items.push(request);
    else this.items[this.size] = request;
    this.size++;
  }

  delete(request: Request): void {
    const slot = request.slot;
    if (slot < 0) return;
    const last = this.items[--this.size] as Request;
    this.items[this.size] = undefined;
    if (last !== request) {
      this.items[slot] = last;
      last.slot = slot;
    }
    request.slot = -1;
  }

  /** Every request in flight, in arrival order (swap-removal does not keep it). */
  inOrder(): Request[] {
    return (this.items.slice(0, this.size) as Request[]).sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) {
      (this.items[i] as Request).slot = -1;
      this.items[i] = undefined;
    }
    this.size = 0;
  }
}

class SimulatedDatabase implements Storage {
  private readonly stored = new StoredIds();
  /** Waiting requests are queue[queueHead … queueTail); a taken slot is cleared so it holds nothing alive. */
  private readonly queue: (Request | undefined)[] = [];
  private queueHead = 0;
  private queueTail = 0;
  private busy = 0;
  private readonly inFlight = new InFlight();
  private requests = 0;
  /**
   * Requests done with — answered, and neither queued nor being served, so no event will hand them to
   * a handler again — reused by later writes instead of a new record each.
   */
  private readonly spare: Request[] = [];
  // Timer handlers made once: a write's events are (handler, request), not a closure each.
  private readonly onConnectTimeout = (request: Request): void => {
    this.answer(request, sqlErrors.connectionLost(), 'fail');
    this.release(request);
  };
  private readonly onRequestTimeout = (request: Request): void => this.timeOut(request);
  private readonly onServed = (request: Request): void => this.finish(request);

  constructor(
    private readonly receiver: number,
    private readonly config: DatabaseConfig,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
    private readonly faults: FaultState,
  ) {}

  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void {
    const request = this.request(msg, done as Done, arg);
    if (this.faults.dbOutage > 0) {
      this.clock.post(this.config.connectTimeoutMs, this.onConnectTimeout, request);
      return;
    }
    if (this.queueTail - this.queueHead >= this.config.queueLimit) {
      this.answer(request, sqlErrors.memoryGrantTimeout(), 'fail');
      this.release(request);
      return;
    }
    this.inFlight.add(request);
    request.timeout = this.clock.after(this.config.requestTimeoutMs, this.onRequestTimeout, request);
    if (this.queueTail === this.queue.length) this.queue.push(request);
    else this.queue[this.queueTail] = request;
    this.queueTail++;
    this.startWork();
  }

  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    done(this.stored.has(msg), arg);
  }

  abortInFlight(): number {
    let n = 0;
    for (const request of this.inFlight.inOrder()) {
      if (!request.aborted) n++;
      request.aborted = true;
      request.answered = true;
      request.timeout?.cancel();
    }
    this.inFlight.clear();
    return n;
  }

  /**
   * The server kills the client's sessions (KILL / pg_terminate_backend): every request rolls back and
   * its client sees the connection drop. One still waiting never started (`fail`); one being served may
   * have been committing, as far as the client can tell (`info`). Returns how many were killed.
   */
  killSessions(): number {
    let n = 0;
    for (const request of this.inFlight.inOrder()) {
      if (request.aborted) continue;
      n++;
      request.aborted = true;
      this.inFlight.delete(request);
      this.answer(request, sqlErrors.connectionLost(), request.queued ? 'fail' : 'info');
    }
    return n;
  }

  /** Every id with a durable record: what a reconciliation query sees. */
  has(msg: number): boolean {
    return this.stored.has(msg);
  }

  get storedCount(): number {
    return this.stored.size;
  }

  private capacity(): number {
    const offline = Math.min(100, this.faults.dbOfflineWorkersPct);
    return Math.max(0, this.config.workers - Math.ceil((this.config.workers * offline) / 100));
  }

  private startWork(): void {
    const capacity = this.capacity();
    while (this.busy < capacity && this.queueHead < this.queueTail) {
      const request = this.queue[this.queueHead] as Request;
      this.queue[this.queueHead++] = undefined;
      request.queued = false;
      if (request.aborted) {
        this.release(request);
        continue;
      }
      this.busy++;
      const serviceMs = this.rng.exponential(this.config.serviceTimeMeanMs) * this.faults.dbSlowdownFactor
        + this.faults.dbCommitDelayMs;
      this.clock.post(serviceMs, this.onServed, request);
    }
    // Rewind when the queue ran empty (the usual case) without truncating: truncation frees the
    // backing store and the next write grows a new one. A long queue moves to the front instead once
    // the taken slots are most of it.
    if (this.queueHead === this.queueTail) {
      this.queueHead = 0;
      this.queueTail = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queueTail) {
      this.queue.copyWithin(0, this.queueHead, this.queueTail);
      this.queue.fill(undefined, this.queueTail - this.queueHead, this.queueTail);
      this.queueTail -= this.queueHead;
      this.queueHead = 0;
    }
  }

  private finish(request: Request): void {
    this.busy--;
    this.inFlight.delete(request);
    if (!request.aborted) {
      const error = this.serverError();
      if (error === undefined) {
        // `duplicate` means no new row: only an insert that a unique key turned into a no-op.
        const duplicate = !this.stored.add(request.msg) && this.config.uniqueKey;
        this.ledger.append({ t: this.clock.now(), kind: 'commit', msg: request.msg, receiver: this.receiver, duplicate });
        this.answerOk(request);
      } else {
        this.answer(request, error, 'fail');
      }
    }
    this.release(request);
    this.startWork();
  }

  private request(msg: number, done: Done, arg: unknown): Request {
    const seq = this.requests++;
    const startedAtMs = this.clock.now();
    const request = this.spare.pop();
    if (request === undefined) return { msg, startedAtMs, done, arg, answered: false, aborted: false, queued: true, timeout: undefined, seq, slot: -1 };
    request.msg = msg;
    request.startedAtMs = startedAtMs;
    request.done = done;
    request.arg = arg;
    request.answered = false;
    request.aborted = false;
    request.queued = true;
    request.seq = seq;
    return request;
  }

  /** The request's last reference is gone (see `spare`); its caller's argument is not kept alive. */
  private release(request: Request): void {
    request.arg = undefined;
    request.timeout = undefined;
    this.spare.push(request);
  }

  /** Errors the server raises at commit time, from the faults in force and the current load. */
  private serverError(): SqlError | undefined {
    if (this.faults.dbOutage > 0) return sqlErrors.connectionLost();
    if (this.faults.dbLogFull > 0) return sqlErrors.logFull();
    // The other transactions that could hold this write's locks: the other busy workers (`busy`
    // already excludes this request) and the workers other load has taken (a backup job, a spike).
    const others = this.busy + (this.config.workers - this.capacity());
    const contention = Math.min(1, others / Math.max(1, this.config.workers - 1));
    if (this.rng.chancePct(this.config.deadlockPctAtFullLoad * contention * contention)) return sqlErrors.deadlockVictim();
    return undefined;
  }

  private timeOut(request: Request): void {
    if (request.answered) return;
    // Still queued: tedious cancels the request and nothing is written. Being served: the server may
    // still commit after the client gave up — the client cannot know, so the outcome is `info`.
    if (request.queued) {
      request.aborted = true;
      this.inFlight.delete(request);
      this.answer(request, sqlErrors.requestTimeout(this.config.requestTimeoutMs), 'fail');
    } else {
      this.answer(request, sqlErrors.requestTimeout(this.config.requestTimeoutMs), 'info');
    }
  }

  private answerOk(request: Request): void {
    if (request.answered) return;
    request.answered = true;
    request.timeout?.cancel();
    request.done({ ok: true, latencyMs: this.clock.now() - request.startedAtMs }, request.arg);
  }

  private answer(request: Request, error: SqlError, outcome: 'fail' | 'info'): void {
    if (request.answered) return;
    request.answered = true;
    request.timeout?.cancel();
    request.done({ ok: false, outcome, error, latencyMs: this.clock.now() - request.startedAtMs }, request.arg);
  }
}

export { SimulatedDatabase, defaultDatabaseConfig };
export type { DatabaseConfig };
