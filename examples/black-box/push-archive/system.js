// push-archive: a case system the portal pushes to over HTTP, that does it right. Each POST is written
// in one INSERT (a redelivery of a stored report is a no-op thanks to the primary key); only once that
// commit returns does it answer 200 (the transport ack) and then send `mottatt` through the Fiks IO send
// API. A write that fails is answered 503: the portal delivers the report again. /helse answers 200 once
// the table exists, for kvittering's readiness check.
// Written for kvittering's black-box tests with node:http and pg; it shares no code with kvittering.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const apiUrl = env('FIKS_API_URL');
const integrasjonId = env('FIKS_INTEGRASJON_ID');
const integrasjonPassord = env('FIKS_INTEGRASJON_PASSORD');
const port = Number(env('PUSH_PORT'));
const db = new pg.Pool({ connectionString: env('DATABASE_URL'), application_name: 'push-archive', max: 8, statement_timeout: 1000 });
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

async function answerMottatt(meldingId) {
  for (let attempt = 1; ; attempt++) {
    const form = new FormData();
    form.set('metadata', JSON.stringify({ meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: meldingId, ttl: 86_400_000, headere: {} }));
    try {
      const res = await fetch(`${apiUrl}/fiks-io/api/v1/send`, {
        method: 'POST', body: form, signal: AbortSignal.timeout(5000),
        headers: { integrasjonid: integrasjonId, integrasjonpassord: integrasjonPassord, authorization: `Bearer ${await bearer()}` },
      });
      if (res.status === 202) return;
      if (res.status === 401) token = undefined;
      throw new Error(`HTTP ${res.status}`);
    } catch (e) {
      if (attempt === 3) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

await db.query(`CREATE TABLE IF NOT EXISTS push_mottak (
  melding_id uuid PRIMARY KEY, innhold_sha256 text NOT NULL, mottatt_tid timestamptz NOT NULL DEFAULT clock_timestamp())`);
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/helse') return res.writeHead(200).end('ok');
  if (req.method !== 'POST' || req.url !== '/meldinger') return res.writeHead(404).end();
  readBody(req).then(async (text) => {
    const message = JSON.parse(text);
    if (typeof message.meldingId !== 'string') return res.writeHead(400).end('meldingId missing');
    try {
      await db.query('INSERT INTO push_mottak (melding_id, innhold_sha256) VALUES ($1, $2) ON CONFLICT (melding_id) DO NOTHING',
        [message.meldingId, createHash('sha256').update(JSON.stringify(message.bekymringsmelding ?? null)).digest('hex')]);
    } catch (e) {
      console.error(`${message.meldingId} not stored, the portal will push it again: ${e.message}`);
      return res.writeHead(503).end();
    }
    res.writeHead(200).end();
    await answerMottatt(message.meldingId).catch((e) => console.error(`${message.meldingId} stored, mottatt not sent: ${e.message}`));
  }).catch((e) => { console.error(`bad push: ${e.message}`); if (!res.headersSent) res.writeHead(400).end(); });
}).listen(port, '127.0.0.1', () => console.log(`push-archive listening on ${port}`));
