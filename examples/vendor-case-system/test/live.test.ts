// Black-box, live mode: the vendor's case system runs as a service with real timers and real HTTP on
// loopback. kvittering serves the portal, sends reports through it, injects what the portal side can
// (here: lost receipts), and learns what was stored by asking the system's own lookup endpoint —
// never from its receipts. One virtual day lasts half a second.

import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, ofKind, runLive, type LiveScenario } from 'kvittering';
import { startCaseSystem, type CaseSystemOptions, type RunningCaseSystem } from '../src/case-system-server.js';

const account = { username: 'bergen-fagsystem', password: 'test-only-secret' };
let system: RunningCaseSystem | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

function scenario(seed: number): LiveScenario {
  return {
    seed,
    msPerVirtualDay: 500,
    // Generous receipt deadline: on a loaded CI machine a poll may take a while, and that is not the point.
    portal: { retentionDays: 2, receiptDeadlineMs: 6 * DAY_MS },
    receivers: [{ id: 'bergen', style: 'poll', ...account, storageCheck: { kind: 'http', lookupUrl: 'http://127.0.0.1:9/set-when-started/{id}' } }],
    workload: { ratePerSecond: 20, durationMs: 1_000, maxMessages: 20 },
    // Lossy for the whole workload and after it (2.5 s wall), so even a slow first poll meets the fault.
    faults: [{ kind: 'receipt-lost', fromMs: 0, toMs: 5 * DAY_MS, probabilityPct: 50 }],
  };
}

async function run(seed: number, options: Omit<CaseSystemOptions, 'portal' | 'pollIntervalMs'>) {
  return runLive(scenario(seed), {
    onPortalReady: async ({ url }) => {
      system = await startCaseSystem({ portal: { baseUrl: url, ...account }, pollIntervalMs: 100, ...options });
      return { bergen: { storageCheck: { kind: 'http', lookupUrl: system.lookupUrl } } };
    },
  });
}

describe('the vendor case system as a running service (live mode)', () => {
  it('stores every report exactly once while half the receipts are lost and the first writes fail', async () => {
    // Two failed writes, fewer than the intake's three attempts: every report is stored in the end, none printed.
    const result = await run(3, { failFirstWrites: 2 });
    const { verdict } = result.judgement;
    expect(result.load.ok).toBe(20);
    expect(verdict.counts.stored, JSON.stringify(verdict.counts)).toBe(20);
    expect(verdict.checks.duplicates?.valid).toBe(true);
    expect(verdict.valid).toBe(true);
    // The faults really bit: receipts were lost, so shipments were listed and downloaded again.
    expect(ofKind(result.ledger.entries, 'receipt-fault').some((e) => e.fault === 'lost')).toBe(true);
    expect(ofKind(result.ledger.entries, 'deliver').some((e) => e.attempt > 1)).toBe(true);
  });

  it('catches the 2023 flaw from outside: receipted reports the system never stored', async () => {
    // Ten failed writes after their receipts: a lost receipt may save one by a redelivery, not all ten.
    const result = await run(4, { failFirstWrites: 10, receiptBeforeSave: true });
    const { verdict } = result.judgement;
    expect(verdict.valid).toBe(false);
    expect(verdict.counts['lost-silent'], JSON.stringify(verdict.counts)).toBeGreaterThan(0);
  });
});
