// The clock port every simulator is written against. The simulated runtime implements it with a
// virtual-time scheduler; the live runtime with real timers scaled down.

interface Timer {
  cancel(): void;
}

interface Clock {
  /** Milliseconds since the start of the run (virtual in simulation, scaled wall time when live). */
  now(): number;
  /**
   * Run `fn` after `delayMs` (never before now). With `arg`, the event is data — a handler made once
   * and the value it acts on — rather than a closure made per event: hot paths pass a bound handler
   * and their message, so a timer that waits days holds no closure and context of its own.
   */
  after(delayMs: number, fn: () => void): Timer;
  after<A>(delayMs: number, fn: (arg: A) => void, arg: A): Timer;
  /** Run `fn` (with `arg`, as for `after`) at the absolute instant `atMs` (clamped to now). */
  at(atMs: number, fn: () => void): Timer;
  at<A>(atMs: number, fn: (arg: A) => void, arg: A): Timer;
  /**
   * As `after`, for an event nobody cancels: no Timer is handed back, so the simulated runtime keeps the
   * event as columns alone and allocates nothing for it — the hot paths' purge, latency hops and service
   * events wait days without an object of their own.
   */
  post<A>(delayMs: number, fn: (arg: A) => void, arg: A): void;
  /** As `at`, for an event nobody cancels (see `post`). */
  postAt<A>(atMs: number, fn: (arg: A) => void, arg: A): void;
}

export type { Clock, Timer };
