// The way back from a receiver to the portal. Protocol receipts travel here, and this is where the
// fault plan loses, duplicates or delays them — the receiver believes it answered either way.

import type { Clock } from '../../harness/runtime/clock.js';
import type { Rng } from '../../harness/runtime/rng.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { ProtocolReceipt } from '../../harness/ledger/entries.js';
import type { FaultState } from '../../harness/faults/fault-state.js';
import type { PortalApi } from './endpoints.js';
import { KvitteringError } from '../../harness/errors.js';

/**
 * A receipt on its way is one number, the event's data: msg × 8 + receipt (4: feilet) + permanent
 * (1: false, 2: true, 0: not given) — a small integer, so no record per receipt. It stays exact for
 * integer ids up to ±MAX_PACKED_ID, negative ones included (they are decoded with floor, not %).
 */
const MAX_PACKED_ID = 2 ** 50 - 1;

function packed(msg: number, receipt: ProtocolReceipt, permanent: boolean | undefined): number {
  return msg * 8 + (receipt === 'feilet' ? 4 : 0) + (permanent === undefined ? 0 : permanent ? 2 : 1);
}

class ReceiptLink {
  /** Made once: an arriving receipt is (handler, number), not a closure per receipt. */
  private readonly onArrive = (r: number): void => {
    const msg = Math.floor(r / 8);
    const flags = r - 8 * msg;
    const permanent = flags % 4;
    this.portal.receipt(msg, flags >= 4 ? 'feilet' : 'mottatt', permanent === 0 ? undefined : permanent === 2);
  };

  constructor(
    private readonly portal: PortalApi,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
    private readonly faults: FaultState,
    private readonly latencyMs: number,
  ) {}

  send(msg: number, receipt: ProtocolReceipt, committed: boolean, permanent?: boolean): void {
    if (!Number.isSafeInteger(msg) || Math.abs(msg) > MAX_PACKED_ID) {
      throw new KvitteringError('E_MESSAGE_ID', `message id ${msg} — expected an integer from −${MAX_PACKED_ID} to ${MAX_PACKED_ID} for its receipt to carry`);
    }
    const t = this.clock.now();
    if (this.ledger.wants('receipt-sent')) this.ledger.append(permanent === undefined
      ? { t, kind: 'receipt-sent', msg, receipt, committed }
      : { t, kind: 'receipt-sent', msg, receipt, committed, permanent });
    const f = this.faults;
    if (f.receiptLostPct > 0 && this.rng.chancePct(f.receiptLostPct)) {
      this.ledger.append({ t, kind: 'receipt-fault', msg, fault: 'lost' });
      return;
    }
    let delayMs = this.latencyMs;
    if (f.receiptLatePct > 0 && this.rng.chancePct(f.receiptLatePct)) {
      delayMs += f.receiptLateDelayMs;
      this.ledger.append({ t, kind: 'receipt-fault', msg, fault: 'late', delayMs: f.receiptLateDelayMs });
    }
    const arrive = packed(msg, receipt, permanent);
    this.clock.post(delayMs, this.onArrive, arrive);
    if (f.receiptDuplicatedPct > 0 && this.rng.chancePct(f.receiptDuplicatedPct)) {
      this.ledger.append({ t, kind: 'receipt-fault', msg, fault: 'duplicated' });
      this.clock.post(delayMs + this.latencyMs, this.onArrive, arrive);
    }
  }
}

export { ReceiptLink };
