// In-process: the vendor's intake talks HTTP to kvittering's portal through msw (setupServer), on
// virtual time, so a week of portal behaviour — receipt deadlines, printing, purges — takes
// milliseconds and a seed always gives the same run. fast-check draws the workload and the portal's
// faults with kvittering's arbitraries, and the vendor's own database outages with fast-check itself.

import * as fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalWorld, faultPlanArbitrary, workloadArbitrary, DAY_MS, HOUR_MS, type FaultSpec, type Judgement, type WorkloadConfig } from 'kvittering';
import { CaseIntake, type CaseIntakeOptions } from '../src/case-intake.js';
import { MemoryCaseStore } from '../src/case-store.js';
import { SvarInnClient } from '../src/svarinn-client.js';

const BASE = 'http://portal.test';
const account = { receiver: 'bergen', username: 'bergen-fagsystem', password: 'test-only', style: 'poll' as const };
const POLL_MS = 2 * HOUR_MS;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface Outage { fromMs: number; toMs: number }

/** Reports arrive as the workload says, the intake polls every two hours, the database fails in the outages. */
async function runWeek(workload: WorkloadConfig, faults: FaultSpec[], outages: Outage[], intakeOptions: CaseIntakeOptions = {}): Promise<Judgement> {
  const world = createPortalWorld({ seed: 7, baseUrl: BASE, receivers: [account], portal: { retentionDays: 3 }, faults });
  server.resetHandlers(...world.handlers);
  const store = new MemoryCaseStore(() => world.clock.now());
  const intake = new CaseIntake(new SvarInnClient({ baseUrl: BASE, ...account }), store, intakeOptions);
  const arrivals = (workload.messages ?? []).map((m) => m.atMs);
  let nextPoll = 0;
  for (;;) {
    const nextArrival = arrivals[0];
    if (nextArrival !== undefined && nextArrival < nextPoll) {
      world.advanceTo(arrivals.shift() as number);
      world.submit('bergen');
      continue;
    }
    if (nextArrival === undefined && nextPoll > world.settledAtMs()) break;
    world.advanceTo(nextPoll);
    store.failing = outages.some((o) => o.fromMs <= nextPoll && nextPoll < o.toMs);
    await intake.pollOnce();
    nextPoll += POLL_MS;
  }
  world.advanceTo(world.settledAtMs());
  return world.judge({ bergen: store.all().map((c) => ({ id: c.id, storedAtMs: c.storedAtMs })) });
}

const workloads = workloadArbitrary({ receivers: ['bergen'], maxMessages: 6, durationMs: DAY_MS, patterns: ['spread', 'burst'] });
const portalFaults = faultPlanArbitrary({ kinds: ['receipt-lost', 'receipt-duplicated', 'receipt-late'], targets: ['bergen'], horizonMs: 2 * DAY_MS, maxFaults: 2 });
const outages = fc.array(
  fc.record({ fromMs: fc.integer({ min: 0, max: DAY_MS }), lengthMs: fc.integer({ min: HOUR_MS, max: 12 * HOUR_MS }) })
    .map(({ fromMs, lengthMs }): Outage => ({ fromMs, toMs: fromMs + lengthMs })),
  { maxLength: 2 });

/** The property a municipality needs: no report is ever lost without someone knowing. */
const noSilentLoss = (options: CaseIntakeOptions) => fc.asyncProperty(workloads, portalFaults, outages, async (workload, faults, down) => {
  const { verdict } = await runWeek(workload, faults, down, options);
  return verdict.valid === true && verdict.counts['lost-silent'] === 0;
});

describe('the vendor intake against the in-process portal', () => {
  it('stores or hands back every report, whatever the portal and the database do', async () => {
    await fc.assert(noSilentLoss({}), { seed: 20231, numRuns: 15 });
  });

  it('one report during a database outage: stored once the database is back', async () => {
    const { verdict } = await runWeek({ messages: [{ atMs: HOUR_MS, receiver: 'bergen', sender: 'public' }], ratePerDay: 0, durationMs: DAY_MS, maxMessages: 0, publicSharePct: 0, bursts: [] },
      [], [{ fromMs: 0, toMs: 5 * HOUR_MS }]);
    expect(verdict.valid).toBe(true);
    expect(verdict.counts.stored).toBe(1);
  });

  it('catches the 2023 flaw: receipt before the write loses the report silently', async () => {
    const { verdict } = await runWeek({ messages: [{ atMs: HOUR_MS, receiver: 'bergen', sender: 'public' }], ratePerDay: 0, durationMs: DAY_MS, maxMessages: 0, publicSharePct: 0, bursts: [] },
      [], [{ fromMs: 0, toMs: 5 * HOUR_MS }], { receiptBeforeSave: true });
    expect(verdict.valid).toBe(false);
    expect(verdict.counts['lost-silent']).toBe(1);
  });

  it('the same property finds the flaw on its own and shrinks it to one report', async () => {
    const outcome = await fc.check(noSilentLoss({ receiptBeforeSave: true }), { seed: 20231, numRuns: 40 });
    expect(outcome.failed).toBe(true);
    const [workload] = outcome.counterexample as [WorkloadConfig, FaultSpec[], Outage[]];
    expect(workload.messages).toHaveLength(1);
  });
});
