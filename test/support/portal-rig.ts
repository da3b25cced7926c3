// The portal alone on a virtual clock, with receivers the test scripts: a push endpoint answers each
// attempt as told (or never), a poll receiver is driven by the test through listNew/download/receipt.
// Tests then read the ledger the portal wrote: the facts the oracle judges.

import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger, ofKind, type EntryOf } from '../../harness/ledger/ledger.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { Portal, defaultPortalConfig, type PortalConfig, type PortalReceiver } from '../../simulators/portal/portal.js';
import type { Delivery, PushEndpoint, TransportAnswer } from '../../simulators/portal/endpoints.js';
import type { MessageHeader } from '../../simulators/portal/message.js';

/** What a scripted endpoint does with one attempt: answer after `afterMs` (default at once), or never. */
type Script = TransportAnswer | 'silent' | { answer: TransportAnswer; afterMs: number };

interface Arrival {
  t: number;
  msg: number;
  attempt: number;
  redelivered: boolean;
}

/** A push endpoint that records every delivery and answers attempt n with script[n - 1] (the last one repeats). */
class ScriptedEndpoint implements PushEndpoint {
  readonly arrivals: Arrival[] = [];
  /** Each arrival's way to answer, by arrival, for tests that answer by hand. */
  readonly responders: ((answer: TransportAnswer) => void)[] = [];

  constructor(private readonly clock: Scheduler, private readonly script: readonly Script[] = ['silent'], readonly brokered?: boolean) {}

  deliver(delivery: Delivery): void {
    const respond = (answer: TransportAnswer): void => delivery.respond(answer);
    this.arrivals.push({ t: this.clock.now(), msg: delivery.msg.id, attempt: delivery.attempt, redelivered: delivery.redelivered });
    this.responders.push(respond);
    const step = this.script[Math.min(this.arrivals.length, this.script.length) - 1] ?? 'silent';
    if (step === 'silent') return;
    if (typeof step === 'string') respond(step);
    else this.clock.after(step.afterMs, () => respond(step.answer));
  }
}

interface ReceiverSetup {
  style?: 'push' | 'poll';
  script?: readonly Script[];
  /** How the unwatched channel answers (default: ack, as UnwatchedChannel does). */
  wrongRouteScript?: readonly Script[];
  brokered?: boolean;
  /** No push endpoint at all (a topology error for a push receiver). */
  noEndpoint?: boolean;
  digitalOnly?: boolean;
  faults?: Partial<Omit<FaultState, 'openCrashDownMs' | 'openReceiptLateDelayMs'>>;
}

interface PortalRig {
  portal: Portal;
  clock: Scheduler;
  ledger: Ledger;
  endpoints: ScriptedEndpoint[];
  wrongRoutes: ScriptedEndpoint[];
  faults: FaultState[];
  receivers: PortalReceiver[];
  /** Submits message `id` to `receiver` at `atMs` (default now). */
  send(id: number, receiver?: number, atMs?: number): void;
  run(untilMs: number): void;
  /** The ledger's entries of the given kinds, without the rest. */
  facts(...kinds: LedgerEntry['kind'][]): LedgerEntry[];
  /** The ledger's entries of one kind, typed. */
  of<K extends LedgerEntry['kind']>(kind: K): EntryOf<K>[];
}

function portalRig(options: { config?: Partial<PortalConfig>; receivers?: ReceiverSetup[]; ledger?: Ledger; seed?: number } = {}): PortalRig {
  const clock = new Scheduler();
  const ledger = options.ledger ?? new Ledger();
  const setups = options.receivers ?? [{}];
  const endpoints: ScriptedEndpoint[] = [];
  const wrongRoutes: ScriptedEndpoint[] = [];
  const faults: FaultState[] = [];
  const receivers: PortalReceiver[] = setups.map((s) => {
    const endpoint = new ScriptedEndpoint(clock, s.script, s.brokered);
    // By default like UnwatchedChannel: the channel acks, and nobody ever reads what arrived.
    const wrongRoute = new ScriptedEndpoint(clock, s.wrongRouteScript ?? ['ack']);
    const state = Object.assign(new FaultState(), s.faults ?? {});
    endpoints.push(endpoint);
    wrongRoutes.push(wrongRoute);
    faults.push(state);
    return {
      style: s.style ?? 'push',
      endpoint: s.noEndpoint === true || s.style === 'poll' ? undefined : endpoint,
      wrongRoute,
      faults: state,
      digitalOnly: s.digitalOnly ?? false,
    };
  });
  const portal = new Portal({ ...defaultPortalConfig, ...options.config }, receivers, clock, new Rng(options.seed ?? 1), ledger);
  return {
    portal, clock, ledger, endpoints, wrongRoutes, faults, receivers,
    send(id, receiver = 0, atMs) {
      const header: MessageHeader = { id, receiver, sender: 'public', sentAtMs: atMs ?? clock.now() };
      if (atMs === undefined) portal.submit(header);
      else clock.at(atMs, () => portal.submit(header));
    },
    run(untilMs) {
      clock.runUntil(untilMs);
    },
    facts(...kinds) {
      return ledger.entries.filter((e) => kinds.includes(e.kind));
    },
    of(kind) {
      return ofKind(ledger.entries, kind);
    },
  };
}

export { portalRig, ScriptedEndpoint };
export type { PortalRig, Script, Arrival };
