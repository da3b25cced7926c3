// The vendor's storage port. In production this is the case system's SQL database; here an in-memory
// table that a test can make fail, the way an overloaded database fails a write.

interface StoredCase {
  /** The portal's message id (a UUID), the natural key. */
  id: string;
  document: string;
  storedAtMs: number;
}

interface CaseStore {
  /** Stores the report; storing an id again is a no-op (the portal may deliver twice). Rejects when the write fails. */
  save(id: string, document: string): Promise<void>;
  has(id: string): Promise<boolean>;
}

class MemoryCaseStore implements CaseStore {
  private readonly rows = new Map<string, StoredCase>();
  /** While true every write fails, as during a nightly backup that starves the database. */
  failing = false;
  /** The next this-many writes fail (a count, so a wall-clock test fails exactly the writes it means to). */
  failNextWrites = 0;

  constructor(private readonly now: () => number) {}

  save(id: string, document: string): Promise<void> {
    if (this.failing || this.failNextWrites > 0) {
      this.failNextWrites = Math.max(0, this.failNextWrites - 1);
      return Promise.reject(new Error('write timed out (database overloaded)'));
    }
    if (!this.rows.has(id)) this.rows.set(id, { id, document, storedAtMs: this.now() });
    return Promise.resolve();
  }

  has(id: string): Promise<boolean> {
    return Promise.resolve(this.rows.has(id));
  }

  /** Every stored row: what kvittering judges by. */
  all(): StoredCase[] {
    return [...this.rows.values()];
  }
}

export { MemoryCaseStore };
export type { CaseStore, StoredCase };
