// How long the portal keeps an unreceipted message: configured in days (as the platform's terms say),
// used in ms. The one place the two meet, so every runtime, report and arbitrary purges on the same day.

import { DAY_MS } from '../../harness/runtime/time.js';

/** The portal keeps an unreceipted message this long after it was sent before deleting it. */
function retentionMs(retentionDays: number): number {
  return retentionDays * DAY_MS;
}

export { retentionMs };
