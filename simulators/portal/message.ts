// The header a message carries through every simulator. Content (faker-generated, synthetic) is made
// on demand from the id and seed, so national-scale runs carry only numbers.

import type { SenderKind } from '../../harness/ledger/entries.js';

interface MessageHeader {
  id: number;
  /** Index of the receiving municipality / organisation in the scenario's receiver list. */
  receiver: number;
  sender: SenderKind;
  sentAtMs: number;
}

export type { MessageHeader };
