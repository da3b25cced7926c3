// careful-archive: a SvarInn poller that does it right. Each shipment is downloaded, written in its
// own transaction (a duplicate delivery is a no-op thanks to the primary key), and only after COMMIT
// returns is the receipt sent. A failed write sends no receipt, so the portal offers it again.
// Written for kvittering's black-box tests; it shares no code with kvittering.
import { createHash } from 'node:crypto';
import pg from 'pg';

const portalUrl = process.env.PORTAL_URL;
const auth = `Basic ${Buffer.from(`${process.env.SVARINN_USER}:${process.env.SVARINN_PASSWORD}`).toString('base64')}`;
const pollMs = Number(process.env.POLL_MS ?? 200);
// Its own statement timeout, or (0) whatever the server sets for its role.
const statementTimeoutMs = Number(process.env.STATEMENT_TIMEOUT_MS ?? 1000);
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, application_name: 'careful-archive', max: 8, ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}) });
db.on('error', (e) => console.error(`idle database connection lost: ${e.message}`));

async function svarinn(method, path) {
  const res = await fetch(path.startsWith('http') ? path : `${portalUrl}/tjenester/svarinn${path}`, { method, headers: { authorization: auth }, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res;
}

async function take(shipment) {
  const content = Buffer.from(await (await svarinn('GET', shipment.downloadUrl)).arrayBuffer());
  await db.query(
    'INSERT INTO arkiv_innkommende (forsendelse_id, innhold_sha256) VALUES ($1, $2) ON CONFLICT (forsendelse_id) DO NOTHING',
    [shipment.id, createHash('sha256').update(content).digest('hex')]);
  await svarinn('POST', `/kvitterMottak/forsendelse/${shipment.id}`);
}

await db.query(`CREATE TABLE IF NOT EXISTS arkiv_innkommende (
  forsendelse_id uuid PRIMARY KEY, innhold_sha256 text NOT NULL, arkivert_tid timestamptz NOT NULL DEFAULT clock_timestamp())`);
console.log('careful-archive ready');
const busy = new Set();
for (;;) {
  try {
    const list = await (await svarinn('GET', '/mottaker/hentNyeForsendelser')).json();
    await Promise.all(list.filter((s) => !busy.has(s.id)).map(async (s) => {
      busy.add(s.id);
      try { await take(s); } catch (e) { console.error(`${s.id} not taken, the portal will offer it again: ${e.message}`); } finally { busy.delete(s.id); }
    }));
  } catch (e) {
    console.error(`poll failed: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, pollMs));
}
