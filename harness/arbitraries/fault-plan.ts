// Fault plans for property tests: every FaultSpec kind with its parameters, windows confined to a plan
// horizon so a run ends with a quiet phase. Shrinking goes towards fewer faults, the first listed kind,
// windows at instant 0, the shortest window, no repetition, certain (100 %) per-message faults and
// every database worker taken by an overload — the most readable counterexample.

import * as fc from 'fast-check';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../runtime/time.js';
import { faultKinds, isWindowKind, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import { KvitteringError } from '../errors.js';

interface FaultPlanConstraints {
  /** Kinds to draw from, in shrink order (default every kind). */
  kinds?: readonly FaultKind[];
  /** Receiver ids faults may target; a fault targets all receivers when omitted or when it draws none. */
  targets?: readonly string[];
  /** Kinds that must name their targets from this list (e.g. wrong-route only where reconciliation runs). */
  kindTargets?: Partial<Record<FaultKind, readonly string[]>>;
  /** Every window closes and every event fires by this instant (default two days). */
  horizonMs?: number;
  /** Longest single window (default 12 hours). */
  maxWindowMs?: number;
  minFaults?: number;
  /** Default 3. */
  maxFaults?: number;
}

interface ResolvedFaultConstraints {
  horizonMs: number;
  maxWindowMs: number;
  targets: readonly string[] | undefined;
  kindTargets: Partial<Record<FaultKind, readonly string[]>>;
}

const certainOrLikely = fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 99 }));

/** Kind-specific parameters; each field is optional in FaultSpec, so a missing one means the default. */
function parametersOf(kind: FaultKind): fc.Arbitrary<Partial<FaultSpec>> {
  switch (kind) {
    case 'db-overload':
    case 'backup-spike':
      // The share of workers taken shrinks towards 100 %: the most severe form of the fault is the
      // simplest to read, and lets a counterexample drop every other fault.
      return fc.record({ slowdownFactor: fc.integer({ min: 1, max: 5000 }), offlineWorkersPct: fc.nat({ max: 100 }).map((n) => 100 - n) });
    case 'db-slow-commit':
      return fc.record({ delayMs: fc.integer({ min: SECOND_MS, max: 60 * SECOND_MS }) });
    case 'crash-after-ack':
      return fc.record({ probabilityPct: certainOrLikely, downMs: fc.integer({ min: MINUTE_MS, max: HOUR_MS }) });
    case 'receipt-lost':
    case 'receipt-duplicated':
    case 'wrong-route':
      return fc.record({ probabilityPct: certainOrLikely });
    case 'receipt-late':
      return fc.record({ probabilityPct: certainOrLikely, delayMs: fc.integer({ min: HOUR_MS, max: 5 * DAY_MS }) });
    case 'notification-flood':
      return fc.record({ notificationsPerDay: fc.integer({ min: 20, max: 1000 }) });
    case 'case-system-crash':
      return fc.record({ downMs: fc.integer({ min: MINUTE_MS, max: 6 * HOUR_MS }) });
    default:
      return fc.constant({});
  }
}

function targetsArbitrary(kind: FaultKind, c: ResolvedFaultConstraints): fc.Arbitrary<string[] | undefined> {
  const forced = c.kindTargets[kind];
  if (forced !== undefined) {
    if (forced.length === 0) throw new KvitteringError('E_ARBITRARY', `faultPlanArbitrary kindTargets["${kind}"] is empty — leave the kind out instead`);
    return fc.subarray([...forced], { minLength: 1 });
  }
  if (c.targets === undefined || c.targets.length <= 1) return fc.constant(undefined);
  return fc.option(fc.subarray([...c.targets], { minLength: 1 }), { nil: undefined });
}

function withTargets(spec: FaultSpec, targets: string[] | undefined): FaultSpec {
  return targets === undefined ? spec : { ...spec, targets };
}

/** One fault of the given kind, confined to [0, horizonMs]. */
function faultSpecArbitrary(kind: FaultKind, constraints: FaultPlanConstraints = {}): fc.Arbitrary<FaultSpec> {
  const c = resolve(constraints);
  const targets = targetsArbitrary(kind, c);
  const params = parametersOf(kind);
  if (!isWindowKind(kind)) {
    return fc.record({ atMs: fc.integer({ min: 0, max: c.horizonMs }), params, targets })
      .map(({ atMs, params: p, targets: t }) => withTargets({ kind, atMs, ...p }, t));
  }
  const minWindowMs = Math.min(MINUTE_MS, c.maxWindowMs);
  const window = fc.record({
    fromMs: fc.integer({ min: 0, max: Math.max(0, c.horizonMs - minWindowMs) }),
    lengthMs: fc.integer({ min: minWindowMs, max: c.maxWindowMs }),
    // Repeating like a nightly job: the gap between windows, none by default.
    gapMs: fc.option(fc.integer({ min: MINUTE_MS, max: DAY_MS }), { nil: undefined }),
  });
  return fc.record({ window, params, targets }).map(({ window: w, params: p, targets: t }) => {
    const toMs = Math.min(c.horizonMs, w.fromMs + w.lengthMs);
    const spec: FaultSpec = { kind, fromMs: w.fromMs, toMs, ...p };
    // Repeat only while every repetition still closes by the horizon.
    if (w.gapMs !== undefined && toMs + w.gapMs + (toMs - w.fromMs) <= c.horizonMs) {
      const everyMs = toMs - w.fromMs + w.gapMs;
      spec.repeatEveryMs = everyMs;
      spec.repeatUntilMs = c.horizonMs - (toMs - w.fromMs);
    }
    return withTargets(spec, t);
  });
}

/** A plan of up to maxFaults faults drawn from `kinds`. */
function faultPlanArbitrary(constraints: FaultPlanConstraints = {}): fc.Arbitrary<FaultSpec[]> {
  const kinds = constraints.kinds ?? faultKinds;
  const minFaults = constraints.minFaults ?? 0;
  if (kinds.length === 0) {
    if (minFaults > 0) throw new KvitteringError('E_ARBITRARY', 'faultPlanArbitrary({ kinds: [] }) cannot give minFaults > 0');
    return fc.constant([]);
  }
  // Cross-shrinking lets a counterexample's fault shrink to an earlier listed kind that still fails.
  const spec = fc.oneof({ withCrossShrink: true }, ...kinds.map((k) => faultSpecArbitrary(k, constraints)));
  return fc.array(spec, { minLength: minFaults, maxLength: constraints.maxFaults ?? 3 });
}

function resolve(c: FaultPlanConstraints): ResolvedFaultConstraints {
  const horizonMs = c.horizonMs ?? 2 * DAY_MS;
  const maxWindowMs = c.maxWindowMs ?? 12 * HOUR_MS;
  if (!(horizonMs > 0) || !(maxWindowMs > 0)) throw new KvitteringError('E_ARBITRARY', `faultPlanArbitrary horizonMs (${horizonMs}) and maxWindowMs (${maxWindowMs}) must be > 0`);
  return { horizonMs, maxWindowMs, targets: c.targets, kindTargets: c.kindTargets ?? {} };
}

export { faultPlanArbitrary, faultSpecArbitrary };
export type { FaultPlanConstraints };
