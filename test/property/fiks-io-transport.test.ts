// The promise when push goes through a modelled Fiks IO broker queue (simulators/portal/fiks-io-queue.ts,
// checked against RabbitMQ in test/fiks-io/model-agrees-with-broker.test.ts): every safe world stays
// safe with any TTL from 1 h to 3 days (a tidsavbrudd prints, a serverfeil prints, a crash before the
// ack is redelivered), and the 2023 flaw (receipt before the commit) is still caught and shrunk.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { safeWorldArbitrary } from '../../harness/arbitraries/safe-world.js';
import { worldInput, type World } from '../../harness/arbitraries/world.js';
import { simulate, type SimulationResult } from '../../harness/runner/simulate.js';
import { resolveSimulation, type SimulationInput } from '../../harness/runner/simulation-config.js';
import { HOUR_MS } from '../../harness/runtime/time.js';
import { breakers } from '../support/breaker-worlds.js';
import { assertProperty, propertyParameters } from '../support/property.js';
import { explainWorld } from '../support/world-run.js';

/** The world's input with every push case-system receiver behind a Fiks IO queue of this TTL. */
function overFiksIo(world: World, ttlMs: number): SimulationInput {
  const input = worldInput(world);
  return {
    ...input,
    receivers: input.receivers.map((r) => ((r.style ?? 'push') === 'push' && (r.route ?? 'case-system') === 'case-system' ? { ...r, fiksIoQueue: { ttlMs } } : r)),
  };
}

function run(world: World, ttlMs: number): SimulationResult {
  return simulate(resolveSimulation(overFiksIo(world, ttlMs)));
}

const ttlArbitrary = fc.integer({ min: 1, max: 72 }).map((hours) => hours * HOUR_MS);

describe('the promise over a modelled Fiks IO queue', () => {
  it('holds in every safe world, for any TTL from 1 h to 3 days', () => {
    assertProperty(fc.property(safeWorldArbitrary({ family: 'nets' }), ttlArbitrary, (world, ttlMs) => {
      const { verdict } = run(world, ttlMs).judgement;
      expect(verdict.counts['lost-silent'], 'lost-silent').toBe(0);
      expect(verdict.counts['lost-detected-late'], 'lost-detected-late').toBe(0);
      expect(verdict.counts['in-flight'], 'in-flight at the horizon').toBe(0);
      expect(verdict.valid).toBe(true);
    }), propertyParameters(100), {
      name: 'holds in every safe world, for any TTL from 1 h to 3 days', file: import.meta.url, explain: ([world]) => explainWorld(world),
    });
  });

  it('still catches the receipt before the commit, shrunk to one message', () => {
    const noLoss = (world: World, ttlMs: number) => {
      const c = run(world, ttlMs).judgement.verdict.counts;
      return c['lost-silent'] + c['lost-detected-late'] === 0;
    };
    const details = fc.check(fc.property(breakers.beforeCommitWithoutReconciliation(), ttlArbitrary, noLoss), propertyParameters(200));
    expect(details.failed, 'fast-check found no counterexample').toBe(true);
    const [world, ttlMs] = details.counterexample as [World, number];
    expect(world.workload.messages).toHaveLength(1);
    expect(run(world, ttlMs).judgement.verdict.counts['lost-silent']).toBe(1);
  });

  it('the queue really carries the messages: a receiver that is down past the TTL gets its reports printed by tidsavbrudd', () => {
    const input: SimulationInput = {
      seed: 7,
      receivers: [{ id: 'r0', fiksIoQueue: { ttlMs: 6 * HOUR_MS } }],
      portal: { receiptDeadlineMs: 48 * HOUR_MS },
      workload: { messages: [{ receiver: 'r0', atMs: HOUR_MS, sender: 'private' }], maxMessages: 1 },
      faults: [{ kind: 'case-system-outage', targets: ['r0'], fromMs: 0, toMs: 24 * HOUR_MS }],
    };
    const result = simulate(resolveSimulation(input));
    const failed = result.ledger.entries.filter((e) => e.kind === 'portal-failed');
    expect(failed.map((e) => e.kind === 'portal-failed' && e.reason)).toEqual(['ttl-expired']);
    expect(failed[0]?.t).toBe(7 * HOUR_MS); // sent at 1 h, TTL 6 h, alone at the head
    expect(result.judgement.verdict.counts.fallback).toBe(1);
  });
});
