// Workloads for property tests: who sends what, when. Explicit message lists come first because they
// shrink best (to one message at instant 0); bursts and Poisson traffic cover the arrival shapes a
// scenario file can express.

import * as fc from 'fast-check';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../runtime/time.js';
import type { SenderKind } from '../ledger/entries.js';
import type { ExplicitMessage, WorkloadConfig } from '../workload/workload.js';
import { KvitteringError } from '../errors.js';

type ArrivalPattern = 'spread' | 'burst' | 'poisson';

interface WorkloadConstraints {
  /** Receiver ids messages may go to (at least one). */
  receivers: readonly string[];
  /** Fewest messages of an explicit workload (default 1). */
  minMessages?: number;
  /** Most messages of any workload (default 6). Keep it small: each message is a whole story. */
  maxMessages?: number;
  /** Last instant a message may be sent (default one day). */
  durationMs?: number;
  /** Arrival shapes to draw from, in shrink order (default all three). */
  patterns?: readonly ArrivalPattern[];
  /** Sender kinds to draw from (default both). */
  senders?: readonly SenderKind[];
}

const defaults = { minMessages: 1, maxMessages: 6, durationMs: DAY_MS };

function explicitWorkload(messages: ExplicitMessage[], durationMs: number): WorkloadConfig {
  const sorted = [...messages].sort((a, b) => a.atMs - b.atMs);
  return { messages: sorted, ratePerDay: 0, durationMs, maxMessages: 0, publicSharePct: 0, bursts: [] };
}

/** Messages spread anywhere over the duration. */
function spreadWorkload(c: Required<Omit<WorkloadConstraints, 'patterns'>>): fc.Arbitrary<WorkloadConfig> {
  const message = fc.record({
    atMs: fc.integer({ min: 0, max: c.durationMs }),
    receiver: fc.constantFrom(...c.receivers),
    sender: fc.constantFrom(...c.senders),
  });
  return fc.array(message, { minLength: c.minMessages, maxLength: c.maxMessages }).map((ms) => explicitWorkload(ms, c.durationMs));
}

/** Messages packed into a few minutes: many writes in flight at once, the overload case. */
function burstWorkload(c: Required<Omit<WorkloadConstraints, 'patterns'>>): fc.Arbitrary<WorkloadConfig> {
  const message = fc.record({
    offsetMs: fc.integer({ min: 0, max: 5 * MINUTE_MS }),
    receiver: fc.constantFrom(...c.receivers),
    sender: fc.constantFrom(...c.senders),
  });
  return fc.record({
    startMs: fc.integer({ min: 0, max: Math.max(0, c.durationMs - 5 * MINUTE_MS) }),
    messages: fc.array(message, { minLength: c.minMessages, maxLength: c.maxMessages }),
  }).map(({ startMs, messages }) => explicitWorkload(
    messages.map((m) => ({ atMs: startMs + m.offsetMs, receiver: m.receiver, sender: m.sender })), c.durationMs));
}

/** A Poisson arrival process with optional bursts, capped at maxMessages (the scenario-file form). */
function poissonWorkload(c: Required<Omit<WorkloadConstraints, 'patterns'>>): fc.Arbitrary<WorkloadConfig> {
  const burst = fc.record({
    fromMs: fc.integer({ min: 0, max: c.durationMs }),
    lengthMs: fc.integer({ min: 10 * MINUTE_MS, max: 3 * HOUR_MS }),
    multiplier: fc.integer({ min: 1, max: 20 }),
  }).map((b) => ({ fromMs: b.fromMs, toMs: Math.min(c.durationMs, b.fromMs + b.lengthMs), multiplier: b.multiplier }));
  const publicOnly = c.senders.length === 1 && c.senders[0] === 'public';
  const privateOnly = c.senders.length === 1 && c.senders[0] === 'private';
  return fc.record({
    ratePerDay: fc.integer({ min: 1, max: 48 }),
    publicSharePct: publicOnly ? fc.constant(100) : privateOnly ? fc.constant(0) : fc.integer({ min: 0, max: 100 }),
    bursts: fc.array(burst, { maxLength: 2 }),
  }).map((w): WorkloadConfig => ({ ...w, durationMs: c.durationMs, maxMessages: c.maxMessages }));
}

/** A workload over the given receivers; shrinks towards one message to the first receiver at 0. */
function workloadArbitrary(constraints: WorkloadConstraints): fc.Arbitrary<WorkloadConfig> {
  if (constraints.receivers.length === 0) throw new KvitteringError('E_ARBITRARY', 'workloadArbitrary({ receivers }) needs at least one receiver id');
  const c = {
    receivers: constraints.receivers,
    minMessages: constraints.minMessages ?? defaults.minMessages,
    maxMessages: constraints.maxMessages ?? defaults.maxMessages,
    durationMs: constraints.durationMs ?? defaults.durationMs,
    senders: constraints.senders ?? (['public', 'private'] as const),
  };
  if (c.maxMessages < c.minMessages) throw new KvitteringError('E_ARBITRARY', `workloadArbitrary maxMessages (${c.maxMessages}) is below minMessages (${c.minMessages})`);
  const builders = { spread: spreadWorkload, burst: burstWorkload, poisson: poissonWorkload };
  const patterns = constraints.patterns ?? (['spread', 'burst', 'poisson'] as const);
  return fc.oneof(...patterns.map((p) => builders[p](c)));
}

export { workloadArbitrary, explicitWorkload };
export type { WorkloadConstraints, ArrivalPattern };
