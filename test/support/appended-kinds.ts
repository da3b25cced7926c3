// What a component built for the ledger: a listener hears only the kinds it names, so a test that
// asks "was this entry built?" watches append itself.

import type { Ledger } from '../../harness/ledger/ledger.js';
import type { LedgerKind } from '../../harness/ledger/entries.js';

/** The kind of every entry appended to `ledger` from now on, in order. */
function appendedKinds(ledger: Ledger): LedgerKind[] {
  const kinds: LedgerKind[] = [];
  const append = ledger.append.bind(ledger);
  ledger.append = (entry) => {
    kinds.push(entry.kind);
    append(entry);
  };
  return kinds;
}

export { appendedKinds };
