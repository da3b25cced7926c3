// A test hook for crash tests against a real broker and database: the process kills itself (SIGKILL,
// no cleanup, like a power cut) when its first write starts — after a before-commit ack and its
// "mottatt" have gone out, before an after-commit ack has. The write itself never reaches the database.

import type { Storage, WriteResult } from '../../../simulators/database/storage.js';

class KillAtFirstWrite implements Storage {
  private armed = true;

  /** `beforeKill` lets acks and receipts already sent reach the broker and the portal (bounded by its caller). */
  constructor(private readonly inner: Storage, private readonly beforeKill: () => Promise<void>, private readonly log?: (line: string) => void) {}

  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void {
    if (!this.armed) {
      this.inner.write(msg, done, arg);
      return;
    }
    this.armed = false;
    this.log?.(`kill-at-first-write: write of ${msg} started; killing this process`);
    void this.beforeKill().finally(() => process.kill(process.pid, 'SIGKILL'));
  }

  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    this.inner.lookup(msg, done, arg);
  }

  abortInFlight(): number {
    return this.inner.abortInFlight();
  }
}

export { KillAtFirstWrite };
