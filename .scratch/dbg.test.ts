import { it } from 'vitest';
import { DAY_MS } from '../harness/runtime/time.js';
import { runLive } from '../harness/live/run-live.js';
import { serveCaseSystem, type RunningCaseSystem } from '../harness/live/serve-case-system.js';
const account = { username: 'oslo-fagsystem', password: 'test-only-secret' };
it('dbg', async () => {
  let running: RunningCaseSystem | undefined;
  const result = await runLive({
    seed: 7, msPerVirtualDay: 500, portal: { retentionDays: 2, receiptDeadlineMs: DAY_MS },
    receivers: [{ id: 'oslo', style: 'push', ...account, pushUrl: 'http://127.0.0.1:9/unset', storageCheck: { kind: 'http', lookupUrl: 'http://127.0.0.1:9/unset/{id}' } }],
    workload: { ratePerSecond: 40, durationMs: 2_000, maxMessages: 80 },
    faults: [{ kind: 'db-outage', fromMs: DAY_MS / 2, toMs: 2.5 * DAY_MS }], storagePollMs: 200,
  }, {
    log: (l) => console.log(l),
    onPortalReady: async ({ url }) => {
      running = await serveCaseSystem({ ackPolicy: 'before-commit', portalUrl: url, portalCredentials: account, database: { connectTimeoutMs: 150 }, log: (l) => console.log('cs', l) });
      return { oslo: { pushUrl: running.pushUrl, storageCheck: { kind: 'http', lookupUrl: running.lookupUrl } } };
    },
    sutFaults: { kinds: ['db-outage'], stateOf: () => running!.faults },
  });
  const kinds: Record<string, number> = {};
  for (const e of result.ledger.entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  console.log(kinds, result.judgement.verdict.counts, result.ledger.entries.filter(e => e.kind === 'fault'));
  await running!.close();
});
