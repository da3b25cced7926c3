// The control that would have stopped the 2023 losses: at an interval, compare the portal's export
// (every id it holds a receipt for) with the ids really stored in the case system's database. A missing
// id is a detection; while the portal still holds the message, it is re-delivered.

import type { Clock } from '../../harness/runtime/clock.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { Storage } from '../database/storage.js';
import type { Portal } from '../portal/portal.js';

/** One round's count: its line is written when its last lookup answers. */
interface Round { checked: number; answered: number; missing: number }

/**
 * The export is in receipt order, so the rows a round checks (receipted at least the grace period ago)
 * are the unchecked rows up to a bound, read in place: a receipted id costs no record until it is
 * found missing. Ids found missing while the portal still holds them are checked again every round.
 */
class Reconciliation {
  /** Export rows before this one have been checked. */
  private checkedRows = 0;
  /** Ids found missing and re-delivered, in the order found (that is, export order). */
  private readonly found = new Set<number>();

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
    const now = this.clock.now();
    const from = this.checkedRows;
    let to = from;
    while (to < rows.length && now - rows.receiptAtMsAt(to) >= this.graceMs) to++;
    this.checkedRows = to;
    // The round's line is written when its last lookup answers: at once in simulation, later in live
    // mode, where each lookup reads the real database (a failed read is counted by the live reader).
    const round: Round = { checked: this.found.size + to - from, answered: 0, missing: 0 };
    if (round.checked === 0) this.roundDone(round);
    // One handler per round; each lookup hands it its id.
    const checked = (stored: boolean, msg: number) => this.checked(round, msg, stored);
    for (const msg of this.found) this.storage.lookup(msg, checked, msg);
    for (let row = from; row < to; row++) {
      const msg = rows.msgAt(row);
      this.storage.lookup(msg, checked, msg);
    }
  }

  private checked(round: Round, msg: number, stored: boolean): void {
    if (stored) {
      this.found.delete(msg);
    } else {
      round.missing++;
      const holds = this.portal.holds(msg);
      if (!this.found.has(msg)) this.ledger.append({ t: this.clock.now(), kind: 'detect', msg, by: 'reconciliation', portalHolds: holds });
      if (holds) {
        this.found.add(msg); // already there when found before: its place (export order) is kept
        this.portal.redeliver(msg);
      } else {
        this.found.delete(msg);
      }
    }
    if (++round.answered === round.checked) this.roundDone(round);
  }

  private roundDone(round: Round): void {
    this.ledger.append({ t: this.clock.now(), kind: 'reconcile', receiver: this.receiver, checked: round.checked, missing: round.missing });
  }
}

export { Reconciliation };
