// The traffic: who sends what, when. Either an explicit list of messages (property tests, replays) or
// a Poisson process at a daily rate with bursts, spread over receivers by weight.

import type { Clock } from '../runtime/clock.js';
import type { Rng } from '../runtime/rng.js';
import type { SenderKind } from '../ledger/entries.js';
import type { MessageHeader } from '../../simulators/portal/message.js';
import { KvitteringError } from '../errors.js';
import { DAY_MS, HOUR_MS } from '../runtime/time.js';
import { receiverPicker } from './receiver-pick.js';

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
  /**
   * Relative arrival rate for each hour of the day (24 numbers, hour 0 = 00:00–01:00 of each virtual
   * day); scaled to a mean of 1, so it moves reports between hours without changing the volume.
   * Omitted: arrivals are even over day and night.
   */
  hourlyProfile?: number[];
  /**
   * Relative arrival rate for each virtual day modulo 7 (index 0 = the run's first day, so the
   * scenario rotates a Monday-first profile by its start date); scaled to a mean of 1 like the above.
   */
  dailyProfile?: number[];
}

/** Hands out message ids in send order; shared with anyone else who sends (a reporter re-sending). */
class MessageIds {
  private nextId = 0;

  next(): number {
    return this.nextId++;
  }
}

/** Schedule every send; returns the instant of the last possible send. */
function scheduleWorkload(
  config: WorkloadConfig,
  receiverIndex: ReadonlyMap<string, number>,
  weights: readonly number[],
  clock: Clock,
  rng: Rng,
  send: (header: MessageHeader) => void,
  ids: MessageIds = new MessageIds(),
): number {
  let sent = 0;
  if (config.messages !== undefined) {
    let last = 0;
    const sorted = [...config.messages].sort((a, b) => a.atMs - b.atMs);
    for (const m of sorted) {
      const receiver = receiverIndex.get(m.receiver);
      if (receiver === undefined) throw new KvitteringError('E_WORKLOAD', `unknown receiver "${m.receiver}"`);
      const header: MessageHeader = { id: ids.next(), receiver, sender: m.sender, sentAtMs: m.atMs };
      clock.postAt(m.atMs, send, header);
      last = Math.max(last, m.atMs);
    }
    return last;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const pickReceiver = receiverPicker(weights, rng);
  const profile = normalisedProfile(config.hourlyProfile);
  const days = normalisedProfile(config.dailyProfile);
  const profilePeak = (profile === undefined ? 1 : Math.max(...profile)) * (days === undefined ? 1 : Math.max(...days));
  const peak = Math.max(1, ...config.bursts.map((b) => b.multiplier)) * profilePeak;
  const meanGapMs = DAY_MS / (config.ratePerDay * peak);
  const multiplierAt = (t: number) => {
    let m = 1;
    for (const b of config.bursts) if (t >= b.fromMs && t < b.toMs) m = Math.max(m, b.multiplier);
    if (profile !== undefined) m *= profile[Math.floor((t % DAY_MS) / HOUR_MS)] as number;
    return days === undefined ? m : m * (days[Math.floor(t / DAY_MS) % days.length] as number);
  };
  // Thinning (Lewis–Shedler): draw at the peak rate, keep a draw with probability rate(t)/peak.
  // One pending arrival at a time keeps memory flat however long the run; the arrival event is one
  // handler with no argument (the instant is the clock's now, not a boxed number per report).
  const next = (fromMs: number) => {
    let t = fromMs;
    for (;;) {
      t += rng.exponential(meanGapMs);
      if (t >= config.durationMs) return;
      if (rng.next() * peak < multiplierAt(t)) break;
    }
    clock.postAt(t, arrive, undefined);
  };
  const arrive = () => {
    const t = clock.now();
    if (config.maxMessages > 0 && sent >= config.maxMessages) return;
    sent++;
    send({ id: ids.next(), receiver: pickReceiver(), sender: rng.chancePct(config.publicSharePct) ? 'public' : 'private', sentAtMs: t });
    next(t);
  };
  if (config.ratePerDay > 0 && total > 0) next(0);
  return config.durationMs;
}

/** The profile scaled to a mean of 1 per slot, or undefined when there is none. */
function normalisedProfile(profile: readonly number[] | undefined): number[] | undefined {
  if (profile === undefined) return undefined;
  const mean = profile.reduce((a, b) => a + b, 0) / profile.length;
  return profile.map((w) => w / mean);
}

export { scheduleWorkload, MessageIds };
export type { WorkloadConfig, ExplicitMessage, Burst };
