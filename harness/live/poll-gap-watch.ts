// A polling system is only seen through its polls: when one stops listing new shipments for longer
// than the stated gap, that silence is a fault (sut-poll-gap) like a push endpoint that stops
// answering — unless a fault the plan injected explains it (a locked table or a paused process keeps
// a correct poller busy); the gap then counts from that fault's heal.

import type { Ledger } from '../ledger/ledger.js';
import type { LiveClock } from '../runtime/live-clock.js';
import { formatDuration } from '../runtime/time.js';

interface PollGapWatchOptions {
  clock: LiveClock;
  ledger: Ledger;
  /** The poll receivers: id and account index at the portal. */
  receivers: readonly { id: string; index: number }[];
  /** When the account last listed new shipments (virtual ms), if it ever did. */
  lastListedAt: (index: number) => number | undefined;
  /** Longest silence allowed, wall ms. */
  gapWallMs: number;
  /** Reports a spell: ok=false when the silence passes the gap, ok=true at the next poll. */
  observe: (receiver: string, ok: boolean, detail: string) => void;
}

/** Starts watching now; returns a function that stops the watch. */
function watchPollGaps(options: PollGapWatchOptions): () => void {
  const { clock, ledger, gapWallMs } = options;
  const startMs = clock.now();
  // Injected fault windows still open, and when the last one healed or happened.
  let open = 0;
  let excusedUntilMs = startMs;
  let stopped = false;
  ledger.subscribe((e) => {
    if (stopped || e.kind !== 'fault' || e.fault.startsWith('sut-')) return;
    if (e.phase === 'start') open++;
    else if (e.phase === 'heal') open = Math.max(0, open - 1);
    excusedUntilMs = Math.max(excusedUntilMs, e.t);
  });
  // Receiver id → when its silence was reported; the next poll after that heals the spell.
  const silentSince = new Map<string, number>();
  const tick = () => {
    for (const r of options.receivers) {
      const last = options.lastListedAt(r.index);
      const reportedMs = silentSince.get(r.id);
      if (reportedMs !== undefined) {
        if (last !== undefined && last >= reportedMs) {
          silentSince.delete(r.id);
          options.observe(r.id, true, '');
        }
        continue;
      }
      const since = Math.max(last ?? startMs, excusedUntilMs);
      if (open > 0) continue;
      const quietWallMs = clock.toWallMs(clock.now() - since);
      if (quietWallMs > gapWallMs) {
        silentSince.set(r.id, clock.now());
        options.observe(r.id, false, last === undefined
          ? `no poll at all in ${Math.round(quietWallMs)} ms (wall), gap allowed ${gapWallMs} ms`
          : `no poll since ${formatDuration(last)} (${Math.round(quietWallMs)} ms wall, gap allowed ${gapWallMs} ms)`);
      }
    }
  };
  const timer = setInterval(tick, Math.max(20, Math.min(250, gapWallMs / 4)));
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

export { watchPollGaps };
export type { PollGapWatchOptions };
