// Was the record there when the receipt arrived? Decided from evidence: a read of the system's storage
// made for that receipt, waited for however long it takes (never a give-up that guesses). Receipts that
// arrive while a read is in flight share the next one, so a burst costs one query, not one each.
//
// What the read shows, and how sure that is:
//   absent                 the row was not there at a read begun after the receipt: receipt before commit (certain)
//   stored before receipt  present, and its stored_at is not after the receipt: after the commit (certain)
//   stored after receipt   present, but its stored_at is after the receipt: receipt before commit (certain)
//   present, no stored_at  present at a read begun `lag` after the receipt: after the commit, unless it
//                          committed within that lag (the largest lag is stated)
//   read failed            no evidence: labelled by what earlier reads showed, and counted

import { performance } from 'node:perf_hooks';

interface ReceiptEvidenceSummary {
  checked: number;
  absent: number;
  storedBeforeReceipt: number;
  storedAfterReceipt: number;
  presentWithoutTime: number;
  readFailed: number;
  /** Longest wall time from a receipt's arrival to the start of the read that judged it. */
  maxLagWallMs: number;
}

interface ReceiptEvidenceOptions {
  /** Read these ids now; the arrival (virtual) of each id's receipt lets the reader date its commit. */
  read(ids: readonly number[], receiptAtMs: ReadonlyMap<number, number>): Promise<void>;
  /** Whether reads so far have seen a committed row for this id at or before its receipt. */
  committedBefore(msg: number): boolean;
  /** The id's stored_at as a virtual instant, if the check returns one. */
  storedAtMs(msg: number): number | undefined;
  now(): number;
}

interface Waiting {
  msg: number;
  atMs: number;
  atWallMs: number;
  resolve: (committed: boolean) => void;
}

class ReceiptEvidence {
  readonly summary: ReceiptEvidenceSummary = { checked: 0, absent: 0, storedBeforeReceipt: 0, storedAfterReceipt: 0, presentWithoutTime: 0, readFailed: 0, maxLagWallMs: 0 };
  private waiting: Waiting[] = [];
  private reading = false;

  constructor(private readonly options: ReceiptEvidenceOptions) {}

  /** Resolves once a read begun after this call has answered: true when the row was committed before the receipt. */
  check(msg: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting.push({ msg, atMs: this.options.now(), atWallMs: performance.now(), resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.reading || this.waiting.length === 0) return;
    this.reading = true;
    const batch = this.waiting;
    this.waiting = [];
    const startedWallMs = performance.now();
    void this.options.read(batch.map((w) => w.msg), new Map(batch.map((w) => [w.msg, w.atMs]))).then(() => true, () => false).then((answered) => {
      for (const w of batch) this.judge(w, answered, startedWallMs);
      this.reading = false;
      this.pump();
    });
  }

  private judge(w: Waiting, answered: boolean, startedWallMs: number): void {
    const s = this.summary;
    s.checked++;
    const committed = this.options.committedBefore(w.msg);
    if (!answered) s.readFailed++;
    else {
      s.maxLagWallMs = Math.max(s.maxLagWallMs, startedWallMs - w.atWallMs);
      const storedAt = this.options.storedAtMs(w.msg);
      if (storedAt === undefined) {
        if (committed) s.presentWithoutTime++;
        else s.absent++;
      } else if (storedAt <= w.atMs) s.storedBeforeReceipt++;
      else s.storedAfterReceipt++;
    }
    w.resolve(committed);
  }
}

/** One sentence for a report: how each receipt's "before or after the commit" was decided. */
/** The summary in words for a report's reader, in the report's language. */
function describeReceiptEvidence(s: ReceiptEvidenceSummary, lang: 'en' | 'nb' = 'en'): string {
  const lag = Math.ceil(s.maxLagWallMs);
  if (lang === 'nb') {
    if (s.checked === 0) return 'Ingen kvittering ble kontrollert mot lageret.';
    const parts = [
      `${s.absent} der raden manglet ved en lesing startet etter kvitteringen (kvittering før commit, sikkert)`,
      `${s.storedAfterReceipt} der stored_at er etter kvitteringen (kvittering før commit, sikkert)`,
      `${s.storedBeforeReceipt} der stored_at ikke er etter kvitteringen (etter commit, sikkert)`,
    ];
    if (s.presentWithoutTime > 0) parts.push(`${s.presentWithoutTime} til stede ved lesingen uten stored_at (etter commit, med mindre commit kom innen ${lag} ms etter kvitteringen)`);
    if (s.readFailed > 0) parts.push(`${s.readFailed} der lesingen feilet (ingen bevis; merket etter tidligere lesinger)`);
    return `Hver kvittering ble kontrollert med en lesing av systemets lager (høyst ${lag} ms etter at den kom): ${s.checked} kvitteringer — ${parts.join('; ')}.`;
  }
  if (s.checked === 0) return 'No receipt was checked against the storage.';
  const parts = [
    `${s.absent} with the row absent at a read begun after the receipt (receipt before commit, certain)`,
    `${s.storedAfterReceipt} whose stored_at is after the receipt (receipt before commit, certain)`,
    `${s.storedBeforeReceipt} whose stored_at is not after the receipt (after the commit, certain)`,
  ];
  if (s.presentWithoutTime > 0) parts.push(`${s.presentWithoutTime} present at the read without a stored_at (after the commit unless it committed within ${lag} ms of the receipt)`);
  if (s.readFailed > 0) parts.push(`${s.readFailed} whose read failed (no evidence; labelled by earlier reads)`);
  return `Each receipt was checked by a read of the system's storage (at most ${lag} ms after it arrived): ${s.checked} receipts — ${parts.join('; ')}.`;
}

export { ReceiptEvidence, describeReceiptEvidence };
export type { ReceiptEvidenceSummary };
