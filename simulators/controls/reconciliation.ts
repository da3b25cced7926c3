// The control that would have stopped the 2023 losses: at an interval, compare the portal's export
// (every id it holds a receipt for) with the ids really stored in the case system's database. A missing
// id is a detection; while the portal still holds the message, it is re-delivered.

import type { Clock } from '../../harness/runtime/clock.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { Storage } from '../database/storage.js';
import type { Portal } from '../portal/portal.js';

/** A receipted id being watched: when its receipt came, and whether its loss was already detected. */
interface Watched { receiptAtMs: number; detected: boolean }

class Reconciliation {
  private cursor = 0;
  /** Receipted ids not yet confirmed stored. */
  private readonly watch = new Map<number, Watched>();

  constructor(
    private readonly receiver: number,
    private readonly intervalMs: number,
    private readonly graceMs: number,
    private readonly clock: Clock,
    private readonly ledger: Ledger,
    private readonly portal: Portal,
    private readonly storage: Storage,
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    const tick = () => {
      this.run();
      this.clock.after(this.intervalMs, tick);
    };
    this.clock.after(this.intervalMs, tick);
  }

  run(): void {
    const rows = this.portal.exportFor(this.receiver);
    for (; this.cursor < rows.length; this.cursor++) {
      this.watch.set(rows.msgAt(this.cursor), { receiptAtMs: rows.receiptAtMsAt(this.cursor), detected: false });
    }
    const now = this.clock.now();
    const due: [number, Watched][] = [];
    for (const entry of this.watch) if (now - entry[1].receiptAtMs >= this.graceMs) due.push(entry);
    // The round's line is written when its last lookup answers: at once in simulation, later in live
    // mode, where each lookup reads the real database (a failed read is counted by the live reader).
    let answered = 0;
    let missing = 0;
    const roundDone = () => this.ledger.append({ t: this.clock.now(), kind: 'reconcile', receiver: this.receiver, checked: due.length, missing });
    if (due.length === 0) roundDone();
    for (const [msg, state] of due) {
      this.storage.lookup(msg, (stored) => {
        if (stored) {
          this.watch.delete(msg);
        } else {
          missing++;
          const holds = this.portal.holds(msg);
          if (!state.detected) {
            state.detected = true;
            this.ledger.append({ t: this.clock.now(), kind: 'detect', msg, by: 'reconciliation', portalHolds: holds });
          }
          if (holds) this.portal.redeliver(msg);
          else this.watch.delete(msg);
        }
        if (++answered === due.length) roundDone();
      });
    }
  }
}

export { Reconciliation };
