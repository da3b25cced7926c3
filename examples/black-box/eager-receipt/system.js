// eager-receipt: the 2023 flaw in its plainest form. The receipt goes to the portal as soon as the
// shipment is downloaded — "we have it" — and the INSERT runs afterwards. When the database is slow
// or locked and the statement times out, the error is logged and the report is gone: the portal has a
// receipt and will never print it. Written for kvittering's black-box tests; no kvittering code.
import pg from 'pg';

const portalUrl = process.env.PORTAL_URL;
const auth = `Basic ${Buffer.from(`${process.env.SVARINN_USER}:${process.env.SVARINN_PASSWORD}`).toString('base64')}`;
const pollMs = Number(process.env.POLL_MS ?? 200);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, application_name: 'eager-receipt', max: 8, statement_timeout: 1000 });
pool.on('error', (e) => console.error(`idle connection: ${e.message}`));

async function call(method, path) {
  const res = await fetch(`${portalUrl}/tjenester/svarinn${path}`, { method, headers: { authorization: auth }, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res;
}

await pool.query('CREATE TABLE IF NOT EXISTS meldinger (melding_uuid text PRIMARY KEY, body bytea, lagret timestamptz DEFAULT clock_timestamp())');
console.log('eager-receipt ready');
const handled = new Set();
for (;;) {
  try {
    const list = await (await call('GET', '/mottaker/hentNyeForsendelser')).json();
    for (const s of list) {
      if (handled.has(s.id)) continue;
      handled.add(s.id);
      const body = Buffer.from(await (await fetch(s.downloadUrl, { headers: { authorization: auth } })).arrayBuffer());
      await call('POST', `/kvitterMottak/forsendelse/${s.id}`);
      pool.query('INSERT INTO meldinger (melding_uuid, body) VALUES ($1, $2) ON CONFLICT DO NOTHING', [s.id, body])
        .catch((e) => console.error(`could not save ${s.id}: ${e.message}`));
    }
  } catch (e) {
    console.error(`poll: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, pollMs));
}
