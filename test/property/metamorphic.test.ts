// Metamorphic properties: relations between two runs of related worlds, checked without knowing the
// right answer for either. Worlds here are unrestricted — every fault kind, every configuration.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { worldArbitrary, type World } from '../../harness/arbitraries/world.js';
import { assertProperty, propertyParameters } from '../support/property.js';
import type { SimulationResult } from '../../harness/runner/simulate.js';
import { explainWorld, judgeWorld, lostCount, lostMessages, runWorld } from '../support/world-run.js';
import { FaultExposure, FaultWatch } from '../../harness/arbitraries/fault-exposure.js';

const anyWorld = worldArbitrary({
  configuration: { maxReceivers: 2, retentionDays: { min: 1, max: 20 } },
  workload: { maxMessages: 8, durationMs: 12 * HOUR_MS },
  faults: { horizonMs: DAY_MS, minFaults: 1, maxFaults: 3 },
  // A relation between two runs says nothing when neither meets a failed write or a lost receipt.
  pointed: { kinds: ['db-outage', 'receipt-lost', 'db-log-full'], horizonMs: DAY_MS },
});

const withReceivers = (w: World, change: (r: World['configuration']['receivers'][number]) => Partial<World['configuration']['receivers'][number]>): World => ({
  ...w, configuration: { ...w.configuration, receivers: w.configuration.receivers.map((r) => ({ ...r, ...change(r) })) },
});

/** Messages lost in `after` that were not lost in `before`. */
function newlyLost(before: SimulationResult, after: SimulationResult): number[] {
  const lostBefore = new Set(lostMessages(before));
  return lostMessages(after).filter((msg) => !lostBefore.has(msg));
}

const context = (name: string) => ({ name, file: import.meta.url, explain: ([w]: [World, ...unknown[]]) => explainWorld(w) });

describe('metamorphic properties', () => {
  it('same seed ⇒ identical ledger', () => {
    const name = 'same seed ⇒ identical ledger';
    assertProperty(fc.property(anyWorld, (world) => {
      expect(JSON.stringify(runWorld(world).ledger.entries)).toBe(JSON.stringify(runWorld(structuredClone(world)).ledger.entries));
    }), propertyParameters(25), context(name));
  });

  // The promise and breaker properties judge their worlds folded (judgeWorld): it must be the run they would keep.
  it('folding the ledger instead of keeping it changes nothing: the same judgement, the same faults met', () => {
    const name = 'folding the ledger instead of keeping it changes nothing';
    const exposure = new FaultExposure();
    assertProperty(fc.property(anyWorld, (world) => {
      const watch = new FaultWatch();
      const folded = judgeWorld(world, { watchers: [watch] });
      const kept = runWorld(world);
      expect(folded.judgement.verdict).toEqual(kept.judgement.verdict);
      expect(folded.judgement.messages).toEqual(kept.judgement.messages);
      expect(folded.ledger.count).toBe(kept.ledger.count);
      const metInKept = kept.ledger.entries.some((e) => (e.kind === 'write-result' && e.outcome === 'fail') || (e.kind === 'receipt-fault' && e.fault === 'lost'));
      expect(watch.met).toBe(metInKept);
      exposure.record(watch.met);
    }), propertyParameters(40), context(name));
    // Both answers of the watch were compared, not only "no fault met".
    expect(exposure.share, exposure.line(name)).toBeGreaterThan(0.5);
    expect(exposure.share, exposure.line(name)).toBeLessThan(1);
  });

  it('adding reconciliation never increases losses', () => {
    const name = 'adding reconciliation never increases losses';
    const interval = fc.integer({ min: HOUR_MS, max: 30 * DAY_MS });
    const exposure = new FaultExposure();
    assertProperty(fc.property(anyWorld, interval, (world, intervalMs) => {
      const without = withReceivers(world, () => ({ reconciliationIntervalMs: 0 }));
      const withIt = withReceivers(world, () => ({ reconciliationIntervalMs: intervalMs }));
      const watch = new FaultWatch();
      const before = judgeWorld(without, { watchers: [watch] });
      const after = judgeWorld(withIt);
      exposure.record(watch.met);
      expect(lostCount(after)).toBeLessThanOrEqual(lostCount(before));
      // Stronger, per message: nothing that survived without reconciliation is lost with it.
      expect(newlyLost(before, after)).toEqual([]);
    }), propertyParameters(40), context(name));
    console.log(exposure.line(name));
  });

  // Fair comparison: the runner's horizon grows with retention, and a shorter-retention run that stops
  // earlier may end before the reconciliation that would have found its loss late (lost-silent at its
  // own horizon, lost-detected-late at the longer one). Both runs are judged at the same instant.
  it('longer retention never adds losses', () => {
    const name = 'longer retention never adds losses';
    const exposure = new FaultExposure();
    assertProperty(fc.property(anyWorld, fc.integer({ min: 1, max: 30 }), (world, extraDays) => {
      const longer: World = { ...world, configuration: { ...world.configuration, retentionDays: world.configuration.retentionDays + extraDays } };
      const watch = new FaultWatch();
      const longRun = judgeWorld(longer);
      const shortRun = judgeWorld(world, { watchers: [watch], horizonMs: longRun.horizonMs });
      exposure.record(watch.met);
      expect(longRun.judgement.verdict.counts['lost-detected-late']).toBeLessThanOrEqual(shortRun.judgement.verdict.counts['lost-detected-late']);
      // What the README claims: never adds losses — in total and per message.
      expect(lostCount(longRun)).toBeLessThanOrEqual(lostCount(shortRun));
      expect(newlyLost(shortRun, longRun)).toEqual([]);
    }), propertyParameters(40), context(name));
    console.log(exposure.line(name));
  });

  it('turning fallback on never increases losses', () => {
    const name = 'turning fallback on never increases losses';
    const exposure = new FaultExposure();
    assertProperty(fc.property(anyWorld, (world) => {
      const off: World = { ...world, configuration: { ...world.configuration, fallbackEnabled: false } };
      const on: World = { ...world, configuration: { ...world.configuration, fallbackEnabled: true } };
      const watch = new FaultWatch();
      const offRun = judgeWorld(off, { watchers: [watch] });
      const onRun = judgeWorld(on);
      exposure.record(watch.met);
      expect(lostCount(onRun)).toBeLessThanOrEqual(lostCount(offRun));
      expect(newlyLost(offRun, onRun)).toEqual([]);
    }), propertyParameters(40), context(name));
    console.log(exposure.line(name));
  });
});
