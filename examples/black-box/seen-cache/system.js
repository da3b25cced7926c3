// seen-cache: careful about the write — the receipt goes only after COMMIT — but its de-duplication is
// lossy. It remembers every shipment id it has *seen* (downloaded), and when the portal offers one
// again it answers "already have it" with a receipt, without asking the database. A write that failed
// the first time is therefore receipted on the second offer and never stored. Written for kvittering.
import pg from 'pg';

const base = `${process.env.PORTAL_URL}/tjenester/svarinn`;
const headers = { authorization: `Basic ${Buffer.from(`${process.env.SVARINN_USER}:${process.env.SVARINN_PASSWORD}`).toString('base64')}` };
const pollMs = Number(process.env.POLL_MS ?? 200);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, application_name: 'seen-cache', max: 8, statement_timeout: 1000 });
pool.on('error', (e) => console.error(`idle connection: ${e.message}`));
await pool.query('CREATE TABLE IF NOT EXISTS mottak_logg (msg_id text PRIMARY KEY, innhold text, opprettet timestamptz NOT NULL DEFAULT clock_timestamp())');

const seen = new Set();
const receipt = (id) => fetch(`${base}/kvitterMottak/forsendelse/${id}`, { method: 'POST', headers });
async function handle(s) {
  if (seen.has(s.id)) { await receipt(s.id); return; } // "duplicate delivery: we already have it"
  seen.add(s.id);
  const text = await (await fetch(s.downloadUrl, { headers })).text();
  await pool.query('INSERT INTO mottak_logg (msg_id, innhold) VALUES ($1, $2)', [s.id, text.slice(0, 200)]);
  await receipt(s.id);
}

console.log('seen-cache ready');
for (;;) {
  try {
    const list = await (await fetch(`${base}/mottaker/hentNyeForsendelser`, { headers, signal: AbortSignal.timeout(5000) })).json();
    for (const s of list) handle(s).catch((e) => console.error(`${s.id}: ${e.message}`)); // each in the background
  } catch (e) {
    console.error(`poll: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, pollMs));
}
