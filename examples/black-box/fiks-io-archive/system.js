// fiks-io-archive: a Fiks IO case system that does it right. It consumes its account queue with manual
// ack and prefetch 10, writes each report (the ASiC-E container as received) in one INSERT, and only
// after that commit answers `mottatt` through the Fiks IO send API and acks the AMQP delivery. A write
// that fails is tried again in a moment, then handed back to the broker (nack with requeue): after three
// deliveries the platform tells the sender, who prints. A redelivery of a stored report (the process was
// killed between commit and ack) is a no-op insert and a second `mottatt`.
// Written for kvittering's black-box tests with amqplib and pg; it shares no code with kvittering.
import { createHash } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const kontoId = env('FIKS_KONTO_ID');
const apiUrl = env('FIKS_API_URL');
const integrasjonId = env('FIKS_INTEGRASJON_ID');
const integrasjonPassord = env('FIKS_INTEGRASJON_PASSORD');
const db = new pg.Pool({ connectionString: env('DATABASE_URL'), application_name: 'fiks-io-archive', max: 10, statement_timeout: 1000 });
db.on('error', (e) => console.error(`idle database connection lost: ${e.message}`));

let token;
async function bearer() {
  if (token !== undefined && token.expiresAt > Date.now() + 10_000) return token.value;
  const res = await fetch(`${apiUrl}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${integrasjonId}:${integrasjonPassord}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials', signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
  const body = await res.json();
  token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  return token.value;
}

async function answerMottatt(meldingId, avsenderKontoId) {
  const form = new FormData();
  form.set('metadata', JSON.stringify({
    avsenderKontoId: kontoId, mottakerKontoId: avsenderKontoId, meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1',
    svarPaMelding: meldingId, ttl: 86_400_000, headere: {},
  }));
  const res = await fetch(`${apiUrl}/fiks-io/api/v1/send`, {
    method: 'POST', body: form, signal: AbortSignal.timeout(5000),
    headers: { integrasjonid: integrasjonId, integrasjonpassord: integrasjonPassord, authorization: `Bearer ${await bearer()}` },
  });
  if (res.status !== 202) throw new Error(`send mottatt: HTTP ${res.status}`);
}

const text = (value) => (Buffer.isBuffer(value) ? value.toString('utf8') : value === undefined ? undefined : String(value));

async function store(meldingId, avsender, type, content) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query(
        'INSERT INTO fiksio_mottak (melding_id, avsender_konto, meldingstype, innhold, innhold_sha256) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (melding_id) DO NOTHING',
        [meldingId, avsender, type, content, createHash('sha256').update(content).digest('hex')]);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

await db.query(`CREATE TABLE IF NOT EXISTS fiksio_mottak (
  melding_id uuid PRIMARY KEY, avsender_konto uuid NOT NULL, meldingstype text NOT NULL, innhold bytea NOT NULL,
  innhold_sha256 text NOT NULL, lagret_tid timestamptz NOT NULL DEFAULT clock_timestamp())`);
const connection = await amqp.connect(env('AMQP_URL'));
connection.on('error', (e) => console.error(`broker: ${e.message}`));
connection.on('close', () => { console.error('broker connection closed'); process.exit(1); });
const channel = await connection.createChannel();
const queue = `fiksio.konto.${kontoId}`;
await channel.checkQueue(queue); // the platform owns the account queue; a client never declares it
await channel.prefetch(10);
await channel.consume(queue, (message) => {
  if (message === null) return;
  const headers = message.properties.headers ?? {};
  const meldingId = text(headers['melding-id']);
  const avsender = text(headers['avsender-id']);
  const type = text(headers.type) ?? '';
  if (meldingId === undefined || avsender === undefined || !type.startsWith('no.ks.fiks.bekymringsmelding.')) {
    console.error(`not a concern report (type ${type}); rejected`);
    channel.nack(message, false, false);
    return;
  }
  store(meldingId, avsender, type, message.content)
    .then(() => answerMottatt(meldingId, avsender))
    .then(() => channel.ack(message), (e) => {
      console.error(`${meldingId}${message.fields.redelivered ? ' (resendt)' : ''} not handled, back to the broker: ${e.message}`);
      channel.nack(message, false, true);
    });
}, { noAck: false });
console.log('fiks-io-archive ready');
