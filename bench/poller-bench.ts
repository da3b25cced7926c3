// Section 4, live mode: can a SvarInn poller keep up with the portal? The black-box careful-archive
// system (examples/black-box) polls every 200 ms while `kvittering test` submits 40 reports/s with no
// fault at all; every report printed for lack of a receipt is one the portal failed to hand over in
// time (the listing used to rebuild every shipment's content on every poll). Needs PostgreSQL.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '../harness/live/scratch-database.js';
import { parseSystemProfile } from '../harness/system-test/load-system-profile.js';
import { testSystem } from '../harness/system-test/test-system.js';
import { metricRow, type MetricRow } from './bench-results.js';

const profileFile = fileURLToPath(new URL('../../../examples/black-box/careful-archive/system.yaml', import.meta.url));
const RATE = 40;
const SECONDS = 5;

async function measurePoller(runs: number, log: (line: string) => void): Promise<MetricRow[]> {
  const printedPct: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await createScratchDatabase(process.env.KVITTERING_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { prefix: 'kvittering_bench_' });
    try {
      const text = readFileSync(profileFile, 'utf8').replace(/^faults:\n[\s\S]*$/m, 'faults: []\n')
        .replace(/ratePerSecond: \d+/, `ratePerSecond: ${RATE}`).replace(/duration: 3s/, `duration: ${SECONDS}s`).replace(/maxMessages: \d+/, `maxMessages: ${RATE * SECONDS}`);
      const profile = parseSystemProfile(text, profileFile, { ...process.env, BLACKBOX_DATABASE_URL: db.url, BLACKBOX_PORTAL_PASSWORD: 'bench-only' });
      const result = await testSystem(profile);
      const c = result.judgement.verdict.counts;
      const pct = (100 * c.fallback) / Math.max(1, result.judgement.verdict.total);
      log(`  live poller run ${i + 1}/${runs}: ${result.judgement.verdict.total} reports, ${c.stored} stored, ${c.fallback} printed (${pct.toFixed(1)} %), verdict ${result.outcome}`);
      printedPct.push(pct);
    } finally {
      await db.drop();
    }
  }
  const note = `careful-archive polling every 200 ms, ${RATE} reports/s for ${SECONDS} s, no fault, receipt deadline 5 virtual days = 2 s wall`;
  return [metricRow('live', `reports printed with no fault, ${RATE}/s, 200 ms poller`, '%', printedPct, { target: { op: '<=', value: 0 }, note })];
}

export { measurePoller };
