// Watches a run from inside: peak V8 heap and the scheduler's mean pending-queue size, sampled when
// the scheduler polls shouldStop (every 4,096 events) — the heap at most every 10 ms of wall time —
// plus a wall-time cap that stops a run which would take too long. Peak RSS comes from the kernel
// (getrusage), so it misses nothing.

import { getHeapStatistics } from 'node:v8';

/** Wall time between heap samples: a peak that lasts less than this is not a peak that matters. */
const HEAP_SAMPLE_MS = 10;

class RunSampler {
  private readonly heapAtStart = getHeapStatistics().used_heap_size;
  private peakHeap = this.heapAtStart;
  private readonly startedAt = performance.now();
  private polls = 0;
  private sampledAt = -Infinity;
  stoppedByCap = false;

  constructor(private readonly wallCapMs = Infinity, private readonly onPoll?: (polls: number) => void) {}

  /** Hand this to simulate() as shouldStop. */
  readonly poll = (): boolean => {
    this.polls++;
    const now = performance.now();
    // getHeapStatistics walks every heap page: at every poll it was 4 % of a national run's CPU,
    // which the benchmark would have charged to the simulator.
    if (now - this.sampledAt >= HEAP_SAMPLE_MS) {
      this.sampledAt = now;
      this.sample();
    }
    this.onPoll?.(this.polls);
    if (now - this.startedAt > this.wallCapMs) this.stoppedByCap = true;
    return this.stoppedByCap;
  };

  sample(): void {
    const used = getHeapStatistics().used_heap_size;
    if (used > this.peakHeap) this.peakHeap = used;
  }

  /** Peak heap growth over the run, in bytes. */
  get peakHeapGrowth(): number {
    return this.peakHeap - this.heapAtStart;
  }

  get peakHeapUsed(): number {
    return this.peakHeap;
  }
}

/** Peak resident set size of this process so far, in bytes. */
function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export { RunSampler, peakRssBytes };
