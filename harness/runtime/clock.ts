// The clock port every simulator is written against. The simulated runtime implements it with a
// virtual-time scheduler; the live runtime with real timers scaled down.

interface Timer {
  cancel(): void;
}

interface Clock {
  /** Milliseconds since the start of the run (virtual in simulation, scaled wall time when live). */
  now(): number;
  /** Run `fn` after `delayMs` (never before now). */
  after(delayMs: number, fn: () => void): Timer;
  /** Run `fn` at the absolute instant `atMs` (clamped to now). */
  at(atMs: number, fn: () => void): Timer;
}

export type { Clock, Timer };
