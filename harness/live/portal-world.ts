// The portal in-process, for a vendor's own test suite: the portal's msw handlers over the core Portal
// on the virtual-time Scheduler, a portal-side fault plan, and a judge that takes "stored" from the
// vendor's own storage. The vendor's code talks HTTP (fetch) to `baseUrl`; msw's setupServer answers
// it with the same handlers `kvittering serve portal` serves. Time moves only when the test says so,
// so a 14-day retention takes milliseconds and every run of a seed is the same.

import type { HttpHandler } from 'msw';
import { KvitteringError } from '../errors.js';
import { Ledger } from '../ledger/ledger.js';
import type { SenderKind } from '../ledger/entries.js';
import { judgeLedger, type Judgement } from '../oracle/oracle.js';
import { Rng } from '../runtime/rng.js';
import { Scheduler } from '../runtime/scheduler.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import { defaultPortalConfig, type PortalConfig } from '../../simulators/portal/portal.js';
import { parseMessageUuid } from '../../simulators/portal/http/wire.js';
import { createLivePortal, type LivePortal, type LiveReceiver } from './live-portal.js';
import { commitsFromRows } from './judge-stored.js';
import { portalSideFaults } from './live-scenario.js';

interface PortalWorldOptions {
  seed: number;
  /** Where the vendor's code finds the portal, e.g. http://portal.test (msw intercepts it). */
  baseUrl: string;
  /** Receivers with their credentials; push receivers also need `pushUrl`. */
  receivers: readonly LiveReceiver[];
  portal?: Partial<PortalConfig>;
  /** Faults the portal side can inject (receipt-lost, receipt-duplicated, receipt-late, early-purge …). */
  faults?: readonly FaultSpec[];
  /** First numeric message id (default 1). */
  idBase?: number;
}

/** One row of the vendor's storage: the message id as the portal sent it, and when it was stored (virtual ms). */
interface StoredReport {
  id: string;
  storedAtMs: number;
}

interface PortalWorld {
  readonly clock: Scheduler;
  readonly ledger: Ledger;
  readonly live: LivePortal;
  /** msw handlers for `setupServer(...)` or `server.use(...)`. */
  readonly handlers: HttpHandler[];
  readonly portalConfig: PortalConfig;
  /** A report arrives at the portal for a receiver, now (virtual time). Returns its wire id (a UUID). */
  submit(receiver: string, sender?: SenderKind): string;
  /** Run the portal's timers up to `atMs` (deadlines, redeliveries, fallbacks, purges, faults). */
  advanceTo(atMs: number): void;
  /** The earliest instant at which every report sent so far has met its fate: receipt deadline + retention, past the last fault window, + the quiet phase. */
  settledAtMs(): number;
  /** Judge the run: `stored` is what the vendor's storage holds, by receiver id — never its receipts. */
  judge(stored: Readonly<Record<string, readonly StoredReport[]>>): Judgement;
}

function createPortalWorld(options: PortalWorldOptions): PortalWorld {
  const unsupported = (options.faults ?? []).find((f) => !portalSideFaults.includes(f.kind));
  if (unsupported !== undefined) {
    throw new KvitteringError('E_WORLD_FAULT', `faults[].kind is "${unsupported.kind}" — expected one the portal can inject: ${portalSideFaults.join(', ')}`,
      'storage faults belong to your own system: make your storage fail in your test');
  }
  const clock = new Scheduler();
  const ledger = new Ledger();
  const portalConfig: PortalConfig = { ...defaultPortalConfig, linkLatencyMs: 0, ...options.portal };
  const live = createLivePortal({ portal: portalConfig, receivers: options.receivers, pushTimeoutMs: 5_000, idBase: options.idBase ?? 1 },
    clock, new Rng(options.seed), ledger);
  const { world } = live;
  const indexOf = (id: string): number => world.indexOf(id);
  // Only portal-side faults pass the check above: no case system to crash, no sessions to kill.
  world.scheduleFaults(options.faults ?? []);
  let lastSendMs = 0;
  return {
    clock, ledger, live, portalConfig,
    handlers: live.handlers(options.baseUrl),
    submit(receiver, sender = 'public') {
      indexOf(receiver);
      lastSendMs = clock.now();
      return live.service.submit(receiver, sender).id;
    },
    advanceTo(atMs) {
      clock.runUntil(atMs);
    },
    settledAtMs() {
      // The world's horizon: the working-day deadline on a calendar, the fault windows, the quiet phase.
      return world.requiredHorizonMs(lastSendMs, options.faults);
    },
    judge(stored) {
      const commits = Object.entries(stored).flatMap(([receiver, reports]) => {
        const index = indexOf(receiver);
        return commitsFromRows(reports.map((r) => {
          const msg = parseMessageUuid(r.id);
          if (msg === undefined) throw new KvitteringError('E_WORLD_STORED', `stored.${receiver}[].id is "${r.id}" — expected a message id as the portal sent it`);
          return { msg, storedAtEpochMs: r.storedAtMs };
        }), (t) => t, index);
      });
      // A commit at the same instant as another fact goes after it (the stable merge judgeStored uses).
      const merged = [...ledger.entries.filter((e) => e.kind !== 'commit'), ...commits]
        .map((entry, i) => ({ entry, i }))
        .sort((a, b) => a.entry.t - b.entry.t || a.i - b.i)
        .map((x) => x.entry);
      return judgeLedger(merged, clock.now(), Math.max(clock.now(), this.settledAtMs()));
    },
  };
}

export { createPortalWorld };
export type { PortalWorld, PortalWorldOptions, StoredReport };
