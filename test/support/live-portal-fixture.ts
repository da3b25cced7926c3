// A portal with one poll receiver (bergen) and one push receiver (oslo) on a given clock, for the
// HTTP tests. Credentials are test-only.

import type { Clock } from '../../harness/runtime/clock.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { defaultPortalConfig, type PortalConfig } from '../../simulators/portal/portal.js';
import { createLivePortal, type LivePortal } from '../../harness/live/live-portal.js';

const bergen = { receiver: 'bergen', username: 'bergen-fagsystem', password: 'hemmelig-1', style: 'poll' as const };
const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'hemmelig-2', style: 'push' as const };

function portalFixture(clock: Clock, options: { pushUrl?: string; portal?: Partial<PortalConfig>; idBase?: number; tokenNow?: () => number } = {}): LivePortal & { ledger: Ledger } {
  const ledger = new Ledger();
  const live = createLivePortal({
    portal: { ...defaultPortalConfig, linkLatencyMs: 0, receiptDeadlineMs: 2 * DAY_MS, ...options.portal },
    receivers: [bergen, { ...oslo, pushUrl: options.pushUrl ?? 'http://case-system.test/fiks-io/meldinger' }],
    pushTimeoutMs: 2_000,
    idBase: options.idBase ?? 1000,
    ...(options.tokenNow === undefined ? {} : { tokenNow: options.tokenNow }),
  }, clock, new Rng(1), ledger);
  return { ...live, ledger };
}

const basic = (account: { username: string; password: string }) => `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;

export { portalFixture, bergen, oslo, basic };
