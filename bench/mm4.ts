// The portal→database write path as an M/M/4 queue: Poisson arrivals (3.5/s), four workers, exponential
// service (mean 1 s), FIFO, and a 15 s client timeout that cancels a request still waiting. Twice: through
// kvittering's SimulatedDatabase on the Scheduler with a ledger that keeps its entries, and as a bare
// binary-heap loop of the same model (events as data in typed arrays, no closures). bench/mm4_simpy.py is
// the same model in SimPy. Each returns the same statistics, so the three can be checked to agree.

import { Ledger } from '../harness/ledger/ledger.js';
import { FaultState } from '../harness/faults/fault-state.js';
import { Rng } from '../harness/runtime/rng.js';
import { Scheduler } from '../harness/runtime/scheduler.js';
import { SimulatedDatabase } from '../simulators/database/database.js';
import type { WriteResult } from '../simulators/database/storage.js';

interface Mm4Options {
  messages: number;
  arrivalsPerS: number;
  workers: number;
  serviceMeanMs: number;
  timeoutMs: number;
  seed: number;
}

interface Mm4Stats {
  messages: number;
  served: number;
  timedOut: number;
  meanLatencyMs: number;
  events: number;
}

const mm4Defaults: Mm4Options = { messages: 200_000, arrivalsPerS: 3.5, workers: 4, serviceMeanMs: 1000, timeoutMs: 15_000, seed: 1 };

function runMm4Kvittering(o: Mm4Options): Mm4Stats {
  const clock = new Scheduler();
  const rng = new Rng(o.seed);
  const ledger = new Ledger(true);
  const database = new SimulatedDatabase(0, {
    workers: o.workers, queueLimit: Number.MAX_SAFE_INTEGER, serviceTimeMeanMs: o.serviceMeanMs, requestTimeoutMs: o.timeoutMs,
    deadlockPctAtFullLoad: 0, connectTimeoutMs: 5_000, uniqueKey: true,
  }, clock, rng.fork('database'), ledger, new FaultState());
  const arrivals = rng.fork('arrivals');
  const gapMs = 1000 / o.arrivalsPerS;
  let sent = 0;
  let served = 0;
  let timedOut = 0;
  let latencySum = 0;
  // The client's answer handler and the arrival are made once, as the simulators' hot paths are: an
  // event is (handler, data), not a closure per message; nobody cancels an arrival, so it is posted.
  const answered = (result: WriteResult) => {
    if (result.ok) {
      served++;
      latencySum += result.latencyMs;
    } else {
      timedOut++;
    }
  };
  const arrive = () => {
    database.write(sent++, answered, undefined);
    if (sent < o.messages) clock.post(arrivals.exponential(gapMs), arrive, undefined);
  };
  clock.post(arrivals.exponential(gapMs), arrive, undefined);
  clock.runUntil(Infinity);
  return { messages: sent, served, timedOut, meanLatencyMs: latencySum / Math.max(1, served), events: clock.eventsRun };
}

const ARRIVAL = 0;
const DEPARTURE = 1;
const TIMEOUT = 2;

/** The least an event loop can do for this model: (time, seq) keys, a kind and a request index in typed arrays. */
function runMm4Bare(o: Mm4Options): Mm4Stats {
  let capacity = 1024;
  let times = new Float64Array(capacity);
  let seqs = new Float64Array(capacity);
  let kinds = new Uint8Array(capacity);
  let subjects = new Int32Array(capacity);
  let size = 0;
  let seq = 0;
  let state = (o.seed * 0x9e3779b9) | 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const exponential = (mean: number) => -Math.log(1 - uniform()) * mean;
  const push = (atMs: number, kind: number, subject: number) => {
    if (size === capacity) {
      capacity *= 2;
      const t = new Float64Array(capacity); t.set(times); times = t;
      const s = new Float64Array(capacity); s.set(seqs); seqs = s;
      const k = new Uint8Array(capacity); k.set(kinds); kinds = k;
      const j = new Int32Array(capacity); j.set(subjects); subjects = j;
    }
    const sq = seq++;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < atMs || (pt === atMs && (seqs[parent] as number) < sq)) break;
      times[i] = pt; seqs[i] = seqs[parent] as number; kinds[i] = kinds[parent] as number; subjects[i] = subjects[parent] as number;
      i = parent;
    }
    times[i] = atMs; seqs[i] = sq; kinds[i] = kind; subjects[i] = subject;
  };
  let popKind = 0;
  let popSubject = 0;
  const pop = (): number => {
    const topT = times[0] as number;
    popKind = kinds[0] as number;
    popSubject = subjects[0] as number;
    const n = --size;
    const lastT = times[n] as number; const lastS = seqs[n] as number; const lastK = kinds[n] as number; const lastJ = subjects[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && ((times[r] as number) < (times[c] as number) || (times[r] === times[c] && (seqs[r] as number) < (seqs[c] as number)))) c = r;
      const ct = times[c] as number;
      if (lastT < ct || (lastT === ct && lastS < (seqs[c] as number))) break;
      times[i] = ct; seqs[i] = seqs[c] as number; kinds[i] = kinds[c] as number; subjects[i] = subjects[c] as number;
      i = c;
    }
    times[i] = lastT; seqs[i] = lastS; kinds[i] = lastK; subjects[i] = lastJ;
    return topT;
  };
  // Per request: when it arrived; 0 waiting, 1 in service, 2 answered.
  const arrivedAt = new Float64Array(o.messages);
  const status = new Uint8Array(o.messages);
  const queue = new Int32Array(o.messages);
  let qHead = 0;
  let qTail = 0;
  let busy = 0;
  let sent = 0;
  let served = 0;
  let timedOut = 0;
  let latencySum = 0;
  let events = 0;
  const gapMs = 1000 / o.arrivalsPerS;
  const startService = (now: number) => {
    while (busy < o.workers && qHead < qTail) {
      const r = queue[qHead++] as number;
      if (status[r] !== 0) continue;
      status[r] = 1;
      busy++;
      push(now + exponential(o.serviceMeanMs), DEPARTURE, r);
    }
  };
  push(exponential(gapMs), ARRIVAL, 0);
  while (size > 0) {
    const now = pop();
    events++;
    const r = popSubject;
    if (popKind === ARRIVAL) {
      arrivedAt[r] = now;
      queue[qTail++] = r;
      push(now + o.timeoutMs, TIMEOUT, r);
      sent++;
      if (sent < o.messages) push(now + exponential(gapMs), ARRIVAL, sent);
      startService(now);
    } else if (popKind === DEPARTURE) {
      busy--;
      if (status[r] === 1) {
        status[r] = 2;
        served++;
        latencySum += now - (arrivedAt[r] as number);
      }
      startService(now);
    } else if (status[r] !== 2) {
      // Still waiting: the client cancels it. In service: the client gives up, the server finishes.
      if (status[r] === 0) status[r] = 2;
      else status[r] = 3;
      timedOut++;
    }
  }
  return { messages: sent, served, timedOut, meanLatencyMs: latencySum / Math.max(1, served), events };
}

export { runMm4Kvittering, runMm4Bare, mm4Defaults };
export type { Mm4Options, Mm4Stats };
