// The baseline the simulated runtime is measured against: the least a discrete-event loop in Node can
// do. A binary min-heap of {atMs, seq, fn} events and a loop that pops and runs them; every event
// schedules one successor at an exponential delay ("hold" model), so the heap keeps the size it starts
// with. Run it with the simulation's event count and mean pending-queue size for a like-for-like ratio.

interface BareEvent {
  atMs: number;
  seq: number;
  fn: () => void;
}

const earlier = (x: BareEvent, y: BareEvent) => x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq);

/** Runs `events` events with `pending` events always queued; returns the wall time in ms. */
function runBareHeapLoop(events: number, pending: number, meanGapMs: number, now: () => number): { wallMs: number; events: number; virtualMs: number } {
  const heap: BareEvent[] = [];
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
  const push = (event: BareEvent) => {
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as BareEvent;
      if (!earlier(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  };
  const pop = (): BareEvent => {
    const top = heap[0] as BareEvent;
    const last = heap.pop() as BareEvent;
    const n = heap.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && earlier(heap[r] as BareEvent, heap[l] as BareEvent) ? r : l;
      const child = heap[c] as BareEvent;
      if (!earlier(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  const schedule = (delayMs: number) => push({ atMs: clock + delayMs, seq: seq++, fn: hold });
  function hold(): void {
    ran++;
    schedule(-Math.log(1 - uniform()) * meanGapMs);
  }
  for (let i = 0; i < Math.max(1, pending); i++) schedule(-Math.log(1 - uniform()) * meanGapMs);
  const start = now();
  while (ran < events) {
    const event = pop();
    clock = event.atMs;
    event.fn();
  }
  return { wallMs: now() - start, events: ran, virtualMs: clock };
}

export { runBareHeapLoop };
