// swallowed-error: awaits its write before the receipt, as it should — but through a "safe" query
// helper that catches every database error, logs it and returns null, so the caller cannot tell a
// failed INSERT from a good one and receipts either way. Written for kvittering's black-box tests.
import pg from 'pg';

const base = `${process.env.PORTAL_URL}/tjenester/svarinn`;
const headers = { authorization: `Basic ${Buffer.from(`${process.env.SVARINN_USER}:${process.env.SVARINN_PASSWORD}`).toString('base64')}` };
const pollMs = Number(process.env.POLL_MS ?? 200);
// Its own statement timeout, or (0) whatever the server sets for its role.
const statementTimeoutMs = Number(process.env.STATEMENT_TIMEOUT_MS ?? 1000);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, application_name: 'swallowed-error', max: 8, ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}) });
pool.on('error', (e) => console.error(`idle connection: ${e.message}`));

async function safeQuery(text, values) {
  try {
    return await pool.query(text, values);
  } catch (e) {
    console.error(`db error (ignored): ${e.message}`);
    return null;
  }
}

await pool.query('CREATE TABLE IF NOT EXISTS saker_inn (ekstern_id uuid UNIQUE NOT NULL, tittel text, registrert timestamptz DEFAULT clock_timestamp())');
console.log('swallowed-error ready');
const inProgress = new Set();
for (;;) {
  try {
    const list = await (await fetch(`${base}/mottaker/hentNyeForsendelser`, { headers, signal: AbortSignal.timeout(5000) })).json();
    await Promise.all(list.filter((s) => !inProgress.has(s.id)).map(async (s) => {
      inProgress.add(s.id);
      try {
        await (await fetch(s.downloadUrl, { headers })).arrayBuffer();
        await safeQuery('INSERT INTO saker_inn (ekstern_id, tittel) VALUES ($1, $2) ON CONFLICT DO NOTHING', [s.id, 'Bekymringsmelding']);
        await fetch(`${base}/kvitterMottak/forsendelse/${s.id}`, { method: 'POST', headers });
      } finally {
        inProgress.delete(s.id);
      }
    }));
  } catch (e) {
    console.error(`poll: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, pollMs));
}
