// A fault aimed at the traffic: a window that opens just before a drawn message is sent, at that
// message's receiver, so the world meets the fault instead of a fault window that opens while nothing
// is in flight. Randomly placed windows miss most messages (of 300 sampled safe worlds per family,
// only 17–20 met a failed write or a lost receipt); aimed ones make the faults the properties are
// about the common case (87–94 % of sampled safe worlds, test/property/promise.test.ts). The aim skips
// messages to an inbox nobody can open: no write and no receipt there for any fault to meet. Drawn as plain data and resolved against the workload with `map`, so
// shrinking keeps working: towards no aimed fault, the first listed kind, the first message.

import * as fc from 'fast-check';
import { HOUR_MS, MINUTE_MS } from '../runtime/time.js';
import type { FaultKind, FaultSpec } from '../faults/fault-spec.js';
import type { WorkloadConfig } from '../workload/workload.js';
import { KvitteringError } from '../errors.js';

/** Kinds an aimed fault may take: each makes a write fail or a receipt vanish while its window is open. */
type PointedKind = 'db-outage' | 'db-log-full' | 'receipt-lost';

interface PointedFaultConstraints {
  /** In shrink order; 'receipt-lost' is aimed at every route (an inbox writes nothing but receipts). */
  kinds: readonly PointedKind[];
  /** Every aimed window closes by this instant. */
  horizonMs: number;
  /** One world in `noneOneIn` has no aimed fault, so fault-free worlds still occur (default 20). */
  noneOneIn?: number;
}

interface PointedDraw {
  kind: PointedKind;
  /** Index (mod the message count) of the message the fault is aimed at. */
  pick: number;
  /** How long before the send the window opens. */
  leadMs: number;
  lengthMs: number;
}

function pointedDrawArbitrary(c: PointedFaultConstraints): fc.Arbitrary<PointedDraw | undefined> {
  if (c.kinds.length === 0) throw new KvitteringError('E_ARBITRARY', 'pointedFault kinds is empty — expected at least one kind');
  const draw = fc.record({
    kind: fc.constantFrom(...c.kinds),
    pick: fc.nat({ max: 1000 }),
    leadMs: fc.integer({ min: 0, max: 10 * MINUTE_MS }),
    lengthMs: fc.integer({ min: 2 * HOUR_MS, max: 12 * HOUR_MS }),
  });
  return fc.option(draw, { nil: undefined, freq: c.noneOneIn ?? 20 });
}

/** Which receivers an aimed fault is worth aiming at, by route. */
interface AimingReceivers {
  /** Every receiver id. */
  ids: readonly string[];
  /** Inbox receivers: they write nothing and receipt on opening. */
  inboxes: readonly string[];
  /** Inboxes nobody can open (no role assigned): no write and no receipt for a fault to meet. */
  unseen: readonly string[];
}

/**
 * The aimed fault for a drawn workload: at an explicit workload's picked message and its receiver —
 * picked among the messages a fault can meet (not those to an inbox nobody opens) when there are
 * any; a Poisson workload's messages are drawn by the runtime, so there it covers the sending period
 * and hits every receiver.
 */
function pointedFault(draw: PointedDraw, workload: WorkloadConfig, receivers: AimingReceivers, horizonMs: number): FaultSpec {
  const all = workload.messages ?? [];
  const meetable = all.filter((m) => !receivers.unseen.includes(m.receiver));
  const messages = meetable.length > 0 ? meetable : all;
  const target = messages.length === 0 ? undefined : messages[draw.pick % messages.length];
  const inboxes = receivers.inboxes;
  // An inbox writes nothing and receipts when someone opens the message, hours or days later: the
  // fault that meets it is a lost receipt from the send to the horizon.
  if (target !== undefined && inboxes.includes(target.receiver)) {
    return { kind: 'receipt-lost', fromMs: Math.min(target.atMs, horizonMs - MINUTE_MS), toMs: horizonMs, probabilityPct: 100, targets: [target.receiver] };
  }
  // Poisson traffic to inboxes alone writes nothing: only a lost receipt can meet it, to the horizon.
  if (target === undefined && receivers.ids.every((id) => inboxes.includes(id))) {
    return { kind: 'receipt-lost', fromMs: 0, toMs: horizonMs, probabilityPct: 100 };
  }
  // Poisson traffic may be one message a day: the window then spans the whole sending period.
  const anchorMs = target?.atMs ?? 0;
  const untilMs = target === undefined ? Math.max(workload.durationMs, anchorMs) : anchorMs;
  const fromMs = Math.min(Math.max(0, anchorMs - draw.leadMs), horizonMs - MINUTE_MS);
  const toMs = Math.min(horizonMs, Math.max(fromMs + MINUTE_MS, untilMs + draw.lengthMs));
  const kind: FaultKind = draw.kind;
  const spec: FaultSpec = { kind, fromMs, toMs, ...(kind === 'receipt-lost' ? { probabilityPct: 100 } : {}) };
  return target !== undefined && receivers.ids.includes(target.receiver) ? { ...spec, targets: [target.receiver] } : spec;
}

export { pointedDrawArbitrary, pointedFault };
export type { PointedKind, PointedDraw, PointedFaultConstraints, AimingReceivers };
