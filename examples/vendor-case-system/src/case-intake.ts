// The vendor's intake of concern reports: poll SvarInn, download, check the file, store it, and only
// then send the receipt. A write that keeps failing is reported to the portal as failed (permanent),
// so the portal prints the report instead of it being silently lost — the 2023 fix. The other order,
// receipt first and store after (`receiptBeforeSave`), is the 2023 flaw; it is here so the tests can
// show kvittering catching it.

import { createHash } from 'node:crypto';
import type { CaseStore } from './case-store.js';
import type { Shipment, SvarInnClient } from './svarinn-client.js';

interface CaseIntakeOptions {
  /** Failed writes of one report before it is reported as failed (default 3). */
  maxAttempts?: number;
  /** The 2023 flaw: receipt on download, store afterwards. Never in production. */
  receiptBeforeSave?: boolean;
}

class CaseIntake {
  private readonly attempts = new Map<string, number>();
  private readonly maxAttempts: number;
  /** Errors seen, for the vendor's logs (the loop itself never throws). */
  readonly errors: string[] = [];

  constructor(private readonly client: SvarInnClient, private readonly store: CaseStore, private readonly options: CaseIntakeOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** One poll: every shipment listed is stored and receipted, retried later, or reported as failed. */
  async pollOnce(): Promise<void> {
    let shipments: Shipment[];
    try {
      shipments = await this.client.listNew();
    } catch (error) {
      this.errors.push(String(error));
      return;
    }
    for (const shipment of shipments) {
      try {
        await this.take(shipment);
      } catch (error) {
        this.errors.push(`${shipment.id}: ${String(error)}`);
      }
    }
  }

  private async take(shipment: Shipment): Promise<void> {
    const bytes = await this.client.download(shipment);
    const expected = shipment.filmetadata[0];
    // A truncated or altered file is not a report: leave it listed and fetch it again next poll.
    if (expected === undefined || bytes.length !== expected.size || createHash('sha256').update(bytes).digest('hex') !== expected.sha256hash) {
      throw new Error('file does not match its metadata');
    }
    if (this.options.receiptBeforeSave === true) {
      await this.client.received(shipment.id);
      await this.store.save(shipment.id, bytes.toString('utf8'));
      return;
    }
    try {
      await this.store.save(shipment.id, bytes.toString('utf8'));
    } catch (error) {
      const attempt = (this.attempts.get(shipment.id) ?? 0) + 1;
      this.attempts.set(shipment.id, attempt);
      // Unreceipted, the shipment stays listed: the next poll retries. After maxAttempts, tell the portal.
      if (attempt >= this.maxAttempts) {
        await this.client.failed(shipment.id, `could not store the report: ${String(error)}`, true);
        this.attempts.delete(shipment.id);
      }
      throw error;
    }
    this.attempts.delete(shipment.id);
    await this.client.received(shipment.id);
  }
}

export { CaseIntake };
export type { CaseIntakeOptions };
