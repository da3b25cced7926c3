// The baseline the simulated runtime is measured against: the least a discrete-event loop in Node can
// do. A binary min-heap (as the benchmark's brief defines the baseline) keyed by (time, sequence) in
// typed arrays like the runtime's Scheduler, callbacks beside them, and a loop that pops and calls;
// every event schedules one successor at an exponential delay ("hold" model), so the heap keeps the
// size it starts with. Run it with the simulation's event count and mean pending-queue size. The
// Scheduler itself is 4-ary, which is worth 10–30 % at these heap sizes: the README says so beside
// the ratio.

/** Runs `events` events with `pending` events always queued; returns the wall time in ms. */
function runBareHeapLoop(events: number, pending: number, meanGapMs: number, now: () => number): { wallMs: number; events: number; virtualMs: number } {
  let capacity = 1024;
  let times = new Float64Array(capacity);
  let seqs = new Float64Array(capacity);
  const fns: (() => void)[] = [];
  let size = 0;
  let seq = 0;
  let clock = 0;
  let ran = 0;
  // xorshift32: the baseline must not pay for a better generator than it needs.
  let state = 0x9e3779b9;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const push = (atMs: number, fn: () => void) => {
    if (size === capacity) {
      capacity *= 2;
      const t = new Float64Array(capacity);
      const s = new Float64Array(capacity);
      t.set(times);
      s.set(seqs);
      times = t;
      seqs = s;
    }
    const sq = seq++;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < atMs || (pt === atMs && (seqs[parent] as number) < sq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      fns[i] = fns[parent] as () => void;
      i = parent;
    }
    times[i] = atMs;
    seqs[i] = sq;
    fns[i] = fn;
  };
  const pop = (): (() => void) => {
    const top = fns[0] as () => void;
    const n = --size;
    const lastT = times[n] as number;
    const lastS = seqs[n] as number;
    const last = fns[n] as () => void;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && ((times[r] as number) < (times[c] as number) || (times[r] === times[c] && (seqs[r] as number) < (seqs[c] as number)))) c = r;
      const ct = times[c] as number;
      if (lastT < ct || (lastT === ct && lastS < (seqs[c] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      fns[i] = fns[c] as () => void;
      i = c;
    }
    times[i] = lastT;
    seqs[i] = lastS;
    fns[i] = last;
    return top;
  };
  function hold(): void {
    ran++;
    push(clock - Math.log(1 - uniform()) * meanGapMs, hold);
  }
  for (let i = 0; i < Math.max(1, pending); i++) push(-Math.log(1 - uniform()) * meanGapMs, hold);
  const start = now();
  while (ran < events) {
    clock = times[0] as number;
    pop()();
  }
  return { wallMs: now() - start, events: ran, virtualMs: clock };
}

export { runBareHeapLoop };
