// The 2023 incident for real: the reference case system writing to PostgreSQL while a backup job holds
// a table lock. Receipt before commit ⇒ reports the portal believes delivered are not in the database,
// which the oracle finds by querying it; reconciliation recovers them; the fixes lose none.
// The four runs go side by side (each its own database and clock): they spend their time waiting on
// timers, so together they take the wall time of one.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { HOUR_MS } from '../../harness/runtime/time.js';
import { createPostgresDatabase, testFaultHosts, type TestDatabase } from '../support/real-databases.js';
import { runRealIncident, type RealIncidentOptions, type RealIncidentResult } from '../../harness/live/real-incident.js';

const variants = {
  flaw: { ackPolicy: 'before-commit' },
  reconciled: { ackPolicy: 'before-commit', reconciliationIntervalMs: 3 * HOUR_MS },
  'after-commit': { ackPolicy: 'after-commit' },
  'retry-then-fail': { ackPolicy: 'retry-then-fail' },
} as const satisfies Record<string, Omit<RealIncidentOptions, 'url'>>;
type Variant = keyof typeof variants;

const databases: TestDatabase[] = [];
const results = new Map<Variant, Promise<RealIncidentResult>>();
beforeAll(() => {
  for (const [name, options] of Object.entries(variants) as [Variant, Omit<RealIncidentOptions, 'url'>][]) {
    const result = createPostgresDatabase().then((db) => {
      databases.push(db);
      return runRealIncident({ url: db.url, allowRemoteHosts: testFaultHosts(), ...options });
    });
    result.catch(() => undefined); // reported by the test that awaits it
    results.set(name, result);
  }
});
afterAll(async () => {
  await Promise.allSettled([...results.values()]);
  await Promise.all(databases.map((db) => db.drop()));
});

const run = (variant: Variant) => results.get(variant) as Promise<RealIncidentResult>;
const storedIds = (r: RealIncidentResult) => new Set(r.rows.map((row) => row.msg));
/** What a failure message should show: the counts, the write errors, and when the lock really held. */
const summary = (r: RealIncidentResult) => JSON.stringify({
  valid: r.judgement.verdict.valid, counts: r.judgement.verdict.counts, rows: r.rows.length, horizonMs: r.horizonMs,
  checks: Object.fromEntries(Object.entries(r.judgement.verdict.checks).map(([k, v]) => [k, v.summary])),
  errors: ofKind(r.ledger.entries, 'write-result').filter((e) => e.outcome !== 'ok').map((e) => `${e.msg}:${e.error}`),
  faults: ofKind(r.ledger.entries, 'fault').map((e) => `${e.phase}@${Math.round(e.t)}`),
});

describe('the 2023 incident on a real PostgreSQL server (backup job holds a table lock)', () => {
  it('before-commit: receipted reports are missing from the database and lost silently', async () => {
    const result = await run('flaw');
    const { verdict, messages } = result.judgement;
    expect(result.faultErrors).toEqual([]);
    const faultPhases = ofKind(result.ledger.entries, 'fault').map((e) => `${e.fault} ${e.phase}`);
    expect(faultPhases).toEqual(['backup-spike start', 'backup-spike heal']);
    // The server refused the writes held up by the lock (1222) …
    const refused = ofKind(result.ledger.entries, 'write-result').filter((e) => e.error === 'EREQUEST 1222');
    expect(refused.length).toBeGreaterThan(0);
    // … the portal holds a "mottatt" for every report …
    const receipted = new Set(ofKind(result.ledger.entries, 'receipt').filter((e) => e.receipt === 'mottatt').map((e) => e.msg));
    expect(receipted.size).toBe(messages.length);
    // … and the lost ones are exactly the receipted ids the database does not have.
    const lost = messages.filter((m) => m.fate === 'lost-silent').map((m) => m.msg);
    const missing = [...receipted].filter((msg) => !storedIds(result).has(msg));
    expect(lost.length, summary(result)).toBeGreaterThan(0);
    expect(lost.sort((a, b) => a - b)).toEqual(missing.sort((a, b) => a - b));
    expect(verdict.counts.stored).toBe(result.rows.length);
    expect(verdict.valid, summary(result)).toBe(false);
    // The adapter never claims a commit: the only commit facts are the rows the query returned.
    expect(ofKind(result.ledger.entries, 'commit')).toHaveLength(0);
  });

  it('before-commit with reconciliation every 3 virtual hours: every loss is detected in time and recovered', async () => {
    const result = await run('reconciled');
    const { verdict, messages } = result.judgement;
    expect(verdict.counts.recovered, summary(result)).toBeGreaterThan(0);
    expect(verdict.counts['lost-silent'] + verdict.counts['lost-detected-late'], summary(result)).toBe(0);
    // Recovered means re-delivered and now really stored (the oracle also requires it).
    for (const m of messages.filter((x) => x.fate === 'recovered')) expect(storedIds(result).has(m.msg)).toBe(true);
    expect(verdict.valid, summary(result)).toBe(true);
  });

  it.each(['after-commit', 'retry-then-fail'] as const)('%s: every report is stored or printed', async (ackPolicy) => {
    const result = await run(ackPolicy);
    const { verdict, messages } = result.judgement;
    expect(ofKind(result.ledger.entries, 'write-result').some((e) => e.outcome !== 'ok'), summary(result)).toBe(true); // the lock did bite
    expect(messages.every((m) => m.fate === 'stored' || m.fate === 'fallback'), summary(result)).toBe(true);
    for (const m of messages.filter((x) => x.fate === 'stored')) expect(storedIds(result).has(m.msg)).toBe(true);
    expect(verdict.valid, summary(result)).toBe(true);
  });
});
