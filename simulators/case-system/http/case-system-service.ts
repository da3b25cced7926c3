// The reference case system's HTTP-facing façade over the core `CaseSystem`: it turns a pushed
// message into a `Delivery`, waits for the transport answer under a timeout, answers storage lookups
// from the Storage itself (never from memory of receipts), and knows when all accepted work has
// finished so a graceful shutdown loses nothing it said yes to.

import type { TransportAnswer } from '../../portal/endpoints.js';
import type { MessageHeader } from '../../portal/message.js';
import type { CaseSystem } from '../case-system.js';
import type { Storage, WriteResult } from '../../database/storage.js';

/** Storage that counts what is in flight, so shutdown can wait for it. */
class TrackedStorage implements Storage {
  inFlight = 0;

  constructor(private readonly inner: Storage) {}

  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void {
    this.inFlight++;
    this.inner.write(msg, (result) => {
      this.inFlight--;
      done(result, arg);
    }, undefined);
  }

  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    this.inFlight++;
    this.inner.lookup(msg, (stored) => {
      this.inFlight--;
      done(stored, arg);
    }, undefined);
  }

  abortInFlight(): number {
    return this.inner.abortInFlight();
  }
}

interface CaseSystemServiceOptions {
  caseSystem: CaseSystem;
  storage: TrackedStorage;
  /** Wall-clock wait for the transport answer (after-commit waits for the commit). */
  answerTimeoutMs: number;
  /** Other work still running outside storage and timers (receipts on their way to the portal). */
  busy: () => number;
  /** Ask the database directly (rejects when it cannot answer); default: Storage.lookup. */
  exists?: (msg: number) => Promise<boolean>;
}

type PushOutcome = TransportAnswer | 'down' | 'timeout';

class CaseSystemService {
  /** HTTP deliveries waiting for their transport answer. */
  waiting = 0;

  constructor(private readonly options: CaseSystemServiceOptions) {}

  push(header: MessageHeader, redelivered: boolean): Promise<PushOutcome> {
    const cs = this.options.caseSystem;
    if (cs.isDown()) return Promise.resolve('down');
    this.waiting++;
    return new Promise<PushOutcome>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), this.options.answerTimeoutMs);
      cs.deliver({
        msg: header, attempt: redelivered ? 2 : 1, redelivered,
        respond: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
      });
    }).finally(() => { this.waiting--; });
  }

  lookup(msg: number, timeoutMs: number): Promise<boolean | 'timeout'> {
    const exists = this.options.exists;
    if (exists !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      return Promise.race([exists(msg).catch(() => 'timeout' as const), timeout]).finally(() => clearTimeout(timer));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      this.options.storage.lookup(msg, (stored) => {
        clearTimeout(timer);
        resolve(stored);
      }, undefined);
    });
  }

  /** Nothing accepted is still being worked on. `pendingTimers` counts the clock's armed timers. */
  idle(pendingTimers: number): boolean {
    return this.waiting === 0 && this.options.storage.inFlight === 0 && this.options.busy() === 0 && pendingTimers === 0;
  }
}

export { CaseSystemService, TrackedStorage };
export type { CaseSystemServiceOptions, PushOutcome };
