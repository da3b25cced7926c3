// `npx tsx harness/cli/real-incident-main.ts` — the 2023 incident four ways on a real database server:
// each run gets its own scratch database (created, used, dropped), a backup job locks the reports
// table while 40 reports arrive, and the oracle reads what was really stored.
//   KVITTERING_DB_URL   a server kvittering may create databases on (default: PostgreSQL on 127.0.0.1)
//   KVITTERING_ALLOW_REMOTE_DB_HOST  its host, when it is not on loopback

import { KvitteringError, messageOf } from '../errors.js';
import { exitCodes } from './cli-options.js';
import { HOUR_MS } from '../runtime/time.js';
import { verdictKey } from '../oracle/checks.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';
import { createScratchDatabase } from '../live/scratch-database.js';
import { describeTarget } from '../live/database-check.js';
import { runRealIncident } from '../live/real-incident.js';

const url = process.env.KVITTERING_DB_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const allowRemoteHosts = (process.env.KVITTERING_ALLOW_REMOTE_DB_HOST ?? '').split(',').filter((h) => h !== '');
const variants: [string, AckPolicy, number][] = [
  ['2023 flaw: receipt before commit', 'before-commit', 0],
  ['the flaw + reconciliation every 3 h', 'before-commit', 3 * HOUR_MS],
  ['receipt after commit', 'after-commit', 0],
  ['the vendor fix: retry, then fail', 'retry-then-fail', 0],
];

try {
  console.log(`kvittering — the 2023 incident on ${describeTarget(url)}: 40 reports, a backup job locks the table for 5 virtual hours (1 virtual day = 1.5 s)\n`);
  for (const [label, ackPolicy, reconciliationIntervalMs] of variants) {
    const db = await createScratchDatabase(url, { allowRemoteHosts });
    try {
      const r = await runRealIncident({ url: db.url, ackPolicy, reconciliationIntervalMs, allowRemoteHosts });
      const c = r.judgement.verdict.counts;
      const refused = r.ledger.entries.filter((e) => e.kind === 'write-result' && e.outcome !== 'ok').length;
      const status = verdictKey(r.judgement.verdict.valid).toUpperCase();
      console.log(`${status.padEnd(7)} ${label.padEnd(36)} rows ${String(r.rows.length).padStart(2)}, refused writes ${String(refused).padStart(2)} | stored ${c.stored}, fallback ${c.fallback}, recovered ${c.recovered}, lost-silent ${c['lost-silent']}, in-flight ${c['in-flight']} (${(r.wallMs / 1000).toFixed(1)} s)`);
    } finally {
      await db.drop();
    }
  }
} catch (error) {
  // The exit-code table of every command: a KvitteringError is the user's to fix (bad input), anything
  // else (a server that went away mid-run) ends the demo unfinished.
  console.error(messageOf(error));
  process.exitCode = error instanceof KvitteringError ? exitCodes.badInput : exitCodes.internal;
}
