// How many worlds of a property met a fault that matters — a failed write or a lost receipt — read
// from each run's ledger, not from the plan: a fault window that opens while nothing is in flight
// tests nothing. A property prints its share, so a generator that drifts back to quiet worlds shows.
// A run is watched as it goes (FaultWatch), so it need not keep its ledger.

import type { LedgerEntry, LedgerKind } from '../ledger/entries.js';
import type { LedgerWatcher } from '../ledger/ledger.js';

/** A write the database refused ('fail'), or a receipt the network dropped. */
function isMetFault(e: LedgerEntry): boolean {
  return (e.kind === 'write-result' && e.outcome === 'fail') || (e.kind === 'receipt-fault' && e.fault === 'lost');
}

const watchedKinds: readonly LedgerKind[] = ['write-result', 'receipt-fault'];

/** One run's watch: pass it in simulate's `watchers`, read `met` when the run is over. */
class FaultWatch implements LedgerWatcher {
  readonly kinds = watchedKinds;
  met = false;
  readonly observe = (e: LedgerEntry): void => {
    if (isMetFault(e)) this.met = true;
  };
}

/** The share of a property's worlds that met a fault that matters. */
class FaultExposure {
  private runs = 0;
  private met = 0;

  record(met: boolean): void {
    this.runs++;
    if (met) this.met++;
  }

  get share(): number {
    return this.runs === 0 ? 0 : this.met / this.runs;
  }

  line(label: string): string {
    return `${label}: worlds that met a failed write or lost receipt: ${Math.round(this.share * 100)} % (${this.met} of ${this.runs})`;
  }
}

export { FaultExposure, FaultWatch };
