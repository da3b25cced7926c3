// fiks-io-eager: the 2023 flaw on Fiks IO. Each delivery is acked (basicAck) and answered `mottatt` the
// moment it arrives — "we have it" — and the INSERT runs afterwards. The broker has forgotten the
// message and the portal has its receipt, so when the write times out behind a lock, or the process is
// killed before it lands, the report is gone and nobody prints it.
// Written for kvittering's black-box tests with amqplib and pg; it shares no code with kvittering.
import amqp from 'amqplib';
import pg from 'pg';

const need = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const konto = need('KONTO');
const api = need('FIKS_API');
const id = need('INTEGRATION_ID');
const password = need('INTEGRATION_PASSWORD');
const pool = new pg.Pool({ connectionString: need('PG_URL'), application_name: 'fiks-io-eager', max: 8, statement_timeout: 1000 });
pool.on('error', (e) => console.error(`idle connection: ${e.message}`));

let token = { value: '', until: 0 };
async function auth() {
  if (token.until < Date.now() + 10_000) {
    const res = await fetch(`${api}/token`, {
      method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }),
      headers: { authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}` },
    });
    const body = await res.json();
    token = { value: body.access_token, until: Date.now() + body.expires_in * 1000 };
  }
  return { integrasjonid: id, integrasjonpassord: password, authorization: `Bearer ${token.value}` };
}

async function mottatt(meldingId, to) {
  const form = new FormData();
  form.set('metadata', JSON.stringify({ avsenderKontoId: konto, mottakerKontoId: to, meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: meldingId, ttl: 86_400_000 }));
  const res = await fetch(`${api}/fiks-io/api/v1/send`, { method: 'POST', headers: await auth(), body: form });
  if (!res.ok) console.error(`mottatt for ${meldingId}: HTTP ${res.status}`);
}

const str = (v) => (Buffer.isBuffer(v) ? v.toString() : String(v));

await pool.query('CREATE TABLE IF NOT EXISTS innkomne_meldinger (id text PRIMARY KEY, fra text, data bytea, skrevet timestamptz DEFAULT clock_timestamp())');
const conn = await amqp.connect(need('BROKER'));
conn.on('error', (e) => console.error(`broker: ${e.message}`));
const ch = await conn.createChannel();
await ch.prefetch(10);
await ch.consume(`fiksio.konto.${konto}`, async (m) => {
  if (m === null) return;
  const meldingId = str(m.properties.headers['melding-id']);
  const from = str(m.properties.headers['avsender-id']);
  ch.ack(m);
  await mottatt(meldingId, from).catch((e) => console.error(`mottatt for ${meldingId}: ${e.message}`));
  pool.query('INSERT INTO innkomne_meldinger (id, fra, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [meldingId, from, m.content])
    .catch((e) => console.error(`could not save ${meldingId}: ${e.message}`));
});
console.log('fiks-io-eager ready');
