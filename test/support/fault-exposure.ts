// How many worlds of a property met a fault that matters — a failed write or a lost receipt — read
// from each run's ledger, not from the plan: a fault window that opens while nothing is in flight
// tests nothing. Each property prints its share, so a generator that drifts back to quiet worlds shows.

import type { LedgerEntry } from '../../harness/ledger/entries.js';

/** A write the database refused ('fail'), or a receipt the network dropped. */
function metFault(entries: readonly LedgerEntry[]): boolean {
  return entries.some((e) => (e.kind === 'write-result' && e.outcome === 'fail') || (e.kind === 'receipt-fault' && e.fault === 'lost'));
}

class FaultExposure {
  private runs = 0;
  private met = 0;

  record(entries: readonly LedgerEntry[]): void {
    this.runs++;
    if (metFault(entries)) this.met++;
  }

  get share(): number {
    return this.runs === 0 ? 0 : this.met / this.runs;
  }

  line(label: string): string {
    return `${label}: worlds that met a failed write or lost receipt: ${Math.round(this.share * 100)} % (${this.met} of ${this.runs})`;
  }
}

export { FaultExposure, metFault };
