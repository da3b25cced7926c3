// Configurations for property tests: the choices a municipality and the portal operator make — ack
// policy, retries, retention, reconciliation, fallback, push or poll, case system or inbox. A
// Configuration is small plain data; `configurationInput` turns it (with a workload, a fault plan and
// a seed) into the runner's SimulationInput, so every property runs the real simulators.

import * as fc from 'fast-check';
import { DAY_MS, HOUR_MS, SECOND_MS } from '../runtime/time.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { WorkloadConfig } from '../workload/workload.js';
import type { SimulationInput } from '../runner/simulation-config.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';
import { defaultDatabaseConfig } from '../../simulators/database/database.js';
import { KvitteringError } from '../errors.js';

type Route = 'case-system' | 'inbox';
type Style = 'push' | 'poll';

interface ReceiverConfiguration {
  id: string;
  route: Route;
  style: Style;
  ackPolicy: AckPolicy;
  /** retry-then-fail: write attempts after the first. */
  retries: number;
  retryBackoffMs: number;
  dedupeBy: 'stored' | 'seen';
  /** 0 = no reconciliation. */
  reconciliationIntervalMs: number;
  digitalOnly: boolean;
  /** Inbox route: whether the confidential-mail role is assigned. */
  roleAssigned: boolean;
  /** Background deadlock chance of the database at full load (its default unless switched off). */
  deadlockPctAtFullLoad: number;
}

interface Configuration {
  retentionDays: number;
  fallbackEnabled: boolean;
  receivers: ReceiverConfiguration[];
}

interface ReconciliationRange {
  minMs: number;
  maxMs: number;
}

interface ConfigurationConstraints {
  /** Each list is in shrink order: the first entry is what a counterexample shrinks to. */
  ackPolicies?: readonly AckPolicy[];
  routes?: readonly Route[];
  styles?: readonly Style[];
  dedupeBy?: readonly ('stored' | 'seen')[];
  /** Inclusive range of portal retention (default 1–30 days). */
  retentionDays?: { min: number; max: number };
  /**
   * Reconciliation: 'off', 'any' (off or 1 h – 30 days, default), a fixed range, or a function of the
   * retention window — how "clearly shorter than retention" and "longer than retention" are expressed.
   */
  reconciliation?: 'off' | 'any' | ReconciliationRange | ((retentionDays: number) => ReconciliationRange);
  /** Portal fallback (print and post): on, off, or either (default). */
  fallbackEnabled?: boolean | 'any';
  /** Sender chose "digital only": default false; 'any' draws both. */
  digitalOnly?: boolean | 'any';
  /**
   * Inbox role assigned: default true; 'any' draws both evenly; 'mostly' assigns it seven times in
   * eight (an inbox nobody can open meets no failed write or lost receipt, so it stays a minority).
   */
  roleAssigned?: boolean | 'any' | 'mostly';
  /** 1–maxReceivers receivers, ids r0, r1, … (default 2). */
  maxReceivers?: number;
  /**
   * Background deadlocks of a busy database (default on). Breaker worlds switch them off so a
   * counterexample is about the fault under test, not the chance of a deadlock under full load.
   */
  backgroundDeadlocks?: boolean;
}

function flag(value: boolean | 'any' | 'mostly' | undefined, fallback: boolean): fc.Arbitrary<boolean> {
  const v = value ?? fallback;
  // 'mostly' shrinks towards true, the usual setting.
  if (v === 'mostly') return fc.oneof({ arbitrary: fc.constant(true), weight: 7 }, { arbitrary: fc.constant(false), weight: 1 });
  return v === 'any' ? fc.boolean() : fc.constant(v);
}

function nonEmpty<T>(name: string, list: readonly T[]): readonly T[] {
  if (list.length === 0) throw new KvitteringError('E_ARBITRARY', `configurationArbitrary({ ${name}: [] }) — expected at least one choice`);
  return list;
}

function reconciliationArbitrary(c: ConfigurationConstraints['reconciliation'], retentionDays: number): fc.Arbitrary<number> {
  if (c === 'off') return fc.constant(0);
  const range = c === undefined || c === 'any' ? { minMs: HOUR_MS, maxMs: 30 * DAY_MS } : typeof c === 'function' ? c(retentionDays) : c;
  if (!(range.minMs > 0 && range.maxMs >= range.minMs)) {
    throw new KvitteringError('E_ARBITRARY', `reconciliation range ${range.minMs}–${range.maxMs} ms for ${retentionDays} retention days — expected 0 < minMs ≤ maxMs`);
  }
  const interval = fc.integer({ min: range.minMs, max: range.maxMs });
  return c === undefined || c === 'any' ? fc.oneof(fc.constant(0), interval) : interval;
}

function receiverArbitrary(id: string, retentionDays: number, c: ConfigurationConstraints): fc.Arbitrary<ReceiverConfiguration> {
  return fc.record({
    id: fc.constant(id),
    route: fc.constantFrom<Route>(...nonEmpty<Route>('routes', c.routes ?? ['case-system', 'inbox'])),
    style: fc.constantFrom<Style>(...nonEmpty<Style>('styles', c.styles ?? ['push', 'poll'])),
    ackPolicy: fc.constantFrom<AckPolicy>(...nonEmpty<AckPolicy>('ackPolicies', c.ackPolicies ?? ['after-commit', 'retry-then-fail', 'before-commit'])),
    retries: fc.integer({ min: 0, max: 5 }),
    retryBackoffMs: fc.integer({ min: SECOND_MS, max: 60 * SECOND_MS }),
    dedupeBy: fc.constantFrom<'stored' | 'seen'>(...nonEmpty<'stored' | 'seen'>('dedupeBy', c.dedupeBy ?? ['stored'])),
    reconciliationIntervalMs: reconciliationArbitrary(c.reconciliation, retentionDays),
    digitalOnly: flag(c.digitalOnly, false),
    roleAssigned: flag(c.roleAssigned, true),
    deadlockPctAtFullLoad: fc.constant(c.backgroundDeadlocks === false ? 0 : defaultDatabaseConfig.deadlockPctAtFullLoad),
  });
}

/** A configuration; shrinks towards one receiver with the first listed choices and the least retention. */
function configurationArbitrary(constraints: ConfigurationConstraints = {}): fc.Arbitrary<Configuration> {
  const retention = constraints.retentionDays ?? { min: 1, max: 30 };
  if (!(Number.isInteger(retention.min) && retention.min >= 1 && retention.max >= retention.min)) {
    throw new KvitteringError('E_ARBITRARY', `configurationArbitrary retentionDays ${JSON.stringify(retention)} — expected integers 1 ≤ min ≤ max`);
  }
  for (const [name, list] of Object.entries({ ackPolicies: constraints.ackPolicies, routes: constraints.routes, styles: constraints.styles, dedupeBy: constraints.dedupeBy })) {
    if (list !== undefined) nonEmpty(name, list);
  }
  const maxReceivers = constraints.maxReceivers ?? 2;
  return fc.record({
    retentionDays: fc.integer(retention),
    receiverCount: fc.integer({ min: 1, max: Math.max(1, maxReceivers) }),
    fallbackEnabled: flag(constraints.fallbackEnabled, true),
  }).chain(({ retentionDays, receiverCount, fallbackEnabled }) =>
    fc.tuple(...Array.from({ length: receiverCount }, (_, i) => receiverArbitrary(`r${i}`, retentionDays, constraints)))
      .map((receivers): Configuration => ({ retentionDays, fallbackEnabled, receivers })));
}

/** Runner input for one generated world. The horizon is left to the runner (past every retention window). */
function configurationInput(config: Configuration, workload: WorkloadConfig, faults: FaultSpec[], seed: number): SimulationInput {
  return {
    seed,
    portal: { retentionDays: config.retentionDays, fallbackEnabled: config.fallbackEnabled },
    receivers: config.receivers.map((r) => ({
      id: r.id,
      route: r.route,
      style: r.style,
      digitalOnly: r.digitalOnly,
      caseSystem: { ackPolicy: r.ackPolicy, retries: r.retries, retryBackoffMs: r.retryBackoffMs, dedupeBy: r.dedupeBy },
      database: { deadlockPctAtFullLoad: r.deadlockPctAtFullLoad },
      controls: { reconciliationIntervalMs: r.reconciliationIntervalMs },
      inbox: { roleAssigned: r.roleAssigned },
    })),
    workload,
    faults,
  };
}

export { configurationArbitrary, configurationInput };
export type { Configuration, ReceiverConfiguration, ConfigurationConstraints, ReconciliationRange, Route, Style };
