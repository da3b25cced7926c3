// batch-writer: receipts each shipment once it is queued in memory, and writes the queue to the
// database in one multi-row INSERT every few hundred milliseconds, for throughput. A batch that fails
// (lock timeout, killed session) is logged and dropped — "the portal will resend it", which it will
// not: every report in it was already receipted. Written for kvittering's black-box tests.
import pg from 'pg';

const portalUrl = process.env.PORTAL_URL;
const auth = `Basic ${Buffer.from(`${process.env.SVARINN_USER}:${process.env.SVARINN_PASSWORD}`).toString('base64')}`;
const pollMs = Number(process.env.POLL_MS ?? 200);
const flushMs = Number(process.env.FLUSH_MS ?? 300);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'batch-writer', statement_timeout: 1000 });
client.on('error', (e) => { console.error(`database connection lost: ${e.message}`); process.exit(1); });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS innboks_batch (ref varchar(36) NOT NULL UNIQUE, size_bytes int, batch_no int, written timestamptz DEFAULT clock_timestamp())');

const headers = { authorization: auth };
let queue = [];
let batchNo = 0;
async function flush() {
  if (queue.length === 0) return;
  const batch = queue;
  queue = [];
  batchNo++;
  const values = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}, ${batchNo})`).join(', ');
  try {
    await client.query(`INSERT INTO innboks_batch (ref, size_bytes, batch_no) VALUES ${values} ON CONFLICT (ref) DO NOTHING`, batch.flatMap((b) => [b.ref, b.size]));
  } catch (e) {
    console.error(`batch ${batchNo} of ${batch.length} failed, dropped: ${e.message}`);
  }
}
(async () => { for (;;) { await new Promise((r) => setTimeout(r, flushMs)); await flush(); } })();

console.log('batch-writer ready');
const queued = new Set();
for (;;) {
  try {
    const res = await fetch(`${portalUrl}/tjenester/svarinn/mottaker/hentNyeForsendelser`, { headers, signal: AbortSignal.timeout(5000) });
    for (const s of await res.json()) {
      if (queued.has(s.id)) continue;
      const body = await (await fetch(s.downloadUrl, { headers })).arrayBuffer();
      queued.add(s.id);
      queue.push({ ref: s.id, size: body.byteLength });
      await fetch(`${portalUrl}/tjenester/svarinn/kvitterMottak/forsendelse/${s.id}`, { method: 'POST', headers });
    }
  } catch (e) {
    console.error(`poll: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, pollMs));
}
