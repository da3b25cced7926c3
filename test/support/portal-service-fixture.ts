// A PortalService on the virtual-time Scheduler with what its options make optional under the test's
// control: a storage check the test answers by hand, and a fake Fiks IO reply queue that records each
// publish (bergen receives over Fiks IO as account konto-bergen; oslo does not).

import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { defaultPortalConfig } from '../../simulators/portal/portal.js';
import { createLivePortal } from '../../harness/live/live-portal.js';
import type { FiksIoReply } from '../../simulators/portal/http/portal-service.js';
import { bergen, oslo } from './live-portal-fixture.js';

interface ServiceOptions {
  /** Give the service a storage check whose answers the test resolves by hand. */
  checked?: boolean;
  /** Give the service the Fiks IO reply queue. */
  replies?: boolean;
}

function serviceFixture(options: ServiceOptions = {}) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const checks: { msg: number; resolve: (stored: boolean) => void; reject: (error: unknown) => void }[] = [];
  const published: FiksIoReply[] = [];
  const publishing: { fail?: unknown; during?: () => void } = {};
  const fiksIoReplies = {
    portalKontoId: 'konto-portal',
    kontoIdOf: (receiver: string) => (receiver === 'bergen' ? 'konto-bergen' : undefined),
    publish: (reply: FiksIoReply) => {
      published.push(reply);
      publishing.during?.();
      // A broker client may reject with a non-Error; the service must word that too.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return publishing.fail === undefined ? Promise.resolve() : Promise.reject(publishing.fail);
    },
  };
  const live = createLivePortal({
    portal: { ...defaultPortalConfig, linkLatencyMs: 0, receiptDeadlineMs: 2 * DAY_MS },
    // oslo pushes to nowhere: tests never run the clock far enough with an oslo message to push it.
    receivers: [bergen, { ...oslo, pushUrl: 'http://case-system.test/fiks-io/meldinger' }],
    pushTimeoutMs: 2_000,
    idBase: 1000,
    ...(options.checked === true ? { committedCheck: (msg: number) => new Promise<boolean>((resolve, reject) => { checks.push({ msg, resolve, reject }); }) } : {}),
    ...(options.replies === true ? { fiksIoReplies } : {}),
  }, clock, new Rng(1), ledger);
  const service = live.service;
  const account = (receiver: 'bergen' | 'oslo') => ({ ...(receiver === 'bergen' ? bergen : oslo), index: receiver === 'bergen' ? 0 : 1 });
  /** Let every settled promise's callbacks run. */
  const settle = () => new Promise<void>((resolve) => { setImmediate(resolve); });
  return { clock, ledger, live, service, checks, published, publishing, account, settle };
}

export { serviceFixture };
