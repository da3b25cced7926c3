// When the portal gives up waiting for a protocol receipt and prints. KS's rule is 2 working days
// (ks-fiks-protocols.md, "Concern reports on Fiks IO"); a run that has calendar dates counts them on
// the Norwegian calendar, a run without dates (no `start`) can only count a plain duration.

import { KvitteringError } from '../../harness/errors.js';
import { addWorkingDays } from '../../harness/runtime/norwegian-calendar.js';

/** KS: a concern report not downloaded (receipted) within 2 working days is sent by post. */
const NPB_RECEIPT_WORKING_DAYS = 2;

/** The part of the portal's config the deadline reads; its own type, so this file does not import portal.ts back. */
interface ReceiptDeadlineConfig {
  readonly receiptDeadlineMs: number;
  readonly calendarStart?: string | undefined;
  readonly receiptDeadlineWorkingDays?: number | undefined;
}

/** The virtual instant the receipt deadline of a message sent at `sentMs` passes. */
function receiptDeadlineAt(config: ReceiptDeadlineConfig, sentMs: number): number {
  const { calendarStart, receiptDeadlineWorkingDays } = config;
  if (calendarStart === undefined || receiptDeadlineWorkingDays === undefined) return sentMs + config.receiptDeadlineMs;
  const startMs = epochOf(calendarStart);
  return addWorkingDays(startMs + sentMs, receiptDeadlineWorkingDays) - startMs;
}

/** "2020-09-25" or "2020-09-25T08:00" as epoch ms, read as UTC like every date of a scenario. */
function epochOf(date: string): number {
  const ms = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : `${date}Z`);
  if (Number.isNaN(ms)) throw new KvitteringError('E_CONFIG_FIELD', `portal.calendarStart is ${JSON.stringify(date)} — expected a date like "2020-09-25"`);
  return ms;
}

export { receiptDeadlineAt, NPB_RECEIPT_WORKING_DAYS };
