// The traffic: who sends what, when. Either an explicit list of messages (property tests, replays) or
// a Poisson process at a daily rate with bursts, spread over receivers by weight.

import type { Clock } from '../runtime/clock.js';
import type { Rng } from '../runtime/rng.js';
import type { SenderKind } from '../ledger/entries.js';
import type { MessageHeader } from '../../simulators/portal/message.js';
import { KvitteringError } from '../errors.js';

interface ExplicitMessage {
  atMs: number;
  /** Receiver id. */
  receiver: string;
  sender: SenderKind;
}

interface Burst {
  fromMs: number;
  toMs: number;
  /** Rate multiplier inside the burst (≥ 1). */
  multiplier: number;
}

interface WorkloadConfig {
  /** Explicit messages; when given, the Poisson fields are ignored. */
  messages?: ExplicitMessage[];
  /** Reports per day over all receivers. */
  ratePerDay: number;
  durationMs: number;
  /** Stop after this many messages (0 = no cap). */
  maxMessages: number;
  /** Share of reports from public-sector reporters (the rest from private persons). */
  publicSharePct: number;
  bursts: Burst[];
}

/** Schedule every send; returns the instant of the last possible send. */
function scheduleWorkload(
  config: WorkloadConfig,
  receiverIndex: ReadonlyMap<string, number>,
  weights: readonly number[],
  clock: Clock,
  rng: Rng,
  send: (header: MessageHeader) => void,
): number {
  let nextId = 0;
  if (config.messages !== undefined) {
    let last = 0;
    const sorted = [...config.messages].sort((a, b) => a.atMs - b.atMs);
    for (const m of sorted) {
      const receiver = receiverIndex.get(m.receiver);
      if (receiver === undefined) throw new KvitteringError('E_WORKLOAD', `unknown receiver "${m.receiver}"`);
      const header: MessageHeader = { id: nextId++, receiver, sender: m.sender, sentAtMs: m.atMs };
      clock.at(m.atMs, () => send(header));
      last = Math.max(last, m.atMs);
    }
    return last;
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  const pickReceiver = () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const peak = Math.max(1, ...config.bursts.map((b) => b.multiplier));
  const meanGapMs = 86_400_000 / (config.ratePerDay * peak);
  const multiplierAt = (t: number) => {
    let m = 1;
    for (const b of config.bursts) if (t >= b.fromMs && t < b.toMs) m = Math.max(m, b.multiplier);
    return m;
  };
  // Thinning (Lewis–Shedler): draw at the peak rate, keep a draw with probability rate(t)/peak.
  // One pending arrival at a time keeps memory flat however long the run.
  const next = (fromMs: number) => {
    let t = fromMs;
    for (;;) {
      t += rng.exponential(meanGapMs);
      if (t >= config.durationMs) return;
      if (rng.next() * peak < multiplierAt(t)) break;
    }
    clock.at(t, () => {
      if (config.maxMessages > 0 && nextId >= config.maxMessages) return;
      send({ id: nextId++, receiver: pickReceiver(), sender: rng.chancePct(config.publicSharePct) ? 'public' : 'private', sentAtMs: t });
      next(t);
    });
  };
  if (config.ratePerDay > 0 && total > 0) next(0);
  return config.durationMs;
}

export { scheduleWorkload };
export type { WorkloadConfig, ExplicitMessage, Burst };
