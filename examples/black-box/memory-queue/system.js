// memory-queue: receipts a shipment once it is in an in-memory work queue; a worker writes the queue
// to the database and retries every failed write until it lands. Locks, timeouts and killed sessions
// cost it nothing — but the queue lives in the process: when the process dies (OOM killer, a deploy,
// SIGKILL), every receipted report still in the queue is gone. Written for kvittering's tests.
import pg from 'pg';

const base = `${process.env.PORTAL_URL}/tjenester/svarinn`;
const headers = { authorization: `Basic ${Buffer.from(`${process.env.SVARINN_USER}:${process.env.SVARINN_PASSWORD}`).toString('base64')}` };
const pollMs = Number(process.env.POLL_MS ?? 200);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, application_name: 'memory-queue', max: 4, statement_timeout: 1000 });
pool.on('error', (e) => console.error(`idle connection: ${e.message}`));
await pool.query('CREATE TABLE IF NOT EXISTS work_items (item_id uuid PRIMARY KEY, payload_len integer, done_at timestamptz DEFAULT clock_timestamp())');

const queue = [];
const known = new Set();
(async function worker() {
  for (;;) {
    const item = queue[0];
    if (item === undefined) { await new Promise((r) => setTimeout(r, 20)); continue; }
    try {
      await pool.query('INSERT INTO work_items (item_id, payload_len) VALUES ($1, $2) ON CONFLICT DO NOTHING', [item.id, item.len]);
      queue.shift();
    } catch (e) {
      console.error(`write of ${item.id} failed, retrying: ${e.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
})();

console.log('memory-queue ready');
for (;;) {
  try {
    const list = await (await fetch(`${base}/mottaker/hentNyeForsendelser`, { headers, signal: AbortSignal.timeout(5000) })).json();
    for (const s of list) {
      if (known.has(s.id)) continue;
      const body = await (await fetch(s.downloadUrl, { headers })).arrayBuffer();
      known.add(s.id);
      queue.push({ id: s.id, len: body.byteLength });
      await fetch(`${base}/kvitterMottak/forsendelse/${s.id}`, { method: 'POST', headers });
    }
  } catch (e) {
    console.error(`poll: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, pollMs));
}
