// The one door to the wall clock outside LiveClock: scratch-database names and the age of leftovers are
// about real time, never about a simulated run's. eslint forbids Date.now() everywhere else.

/** Milliseconds since the epoch, now, by the machine's clock. */
function wallNowMs(): number {
  return Date.now();
}

export { wallNowMs };
