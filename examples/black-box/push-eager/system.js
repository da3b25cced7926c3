// push-eager: a case system the portal pushes to over HTTP that answers too early. It answers 200 (the
// transport ack) and sends `mottatt` as soon as a push arrives, and writes the report afterwards; a write
// that fails is only logged. Every report whose INSERT fails under a lock, a killed session or a crash
// is receipted and lost.
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
const db = new pg.Pool({ connectionString: env('DATABASE_URL'), application_name: 'push-eager', max: 8, statement_timeout: 1000 });
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

await db.query(`CREATE TABLE IF NOT EXISTS innkommende_push (
  id uuid PRIMARY KEY, sjekksum text NOT NULL, skrevet timestamptz NOT NULL DEFAULT clock_timestamp())`);
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/helse') return res.writeHead(200).end('ok');
  if (req.method !== 'POST' || req.url !== '/meldinger') return res.writeHead(404).end();
  readBody(req).then(async (text) => {
    const message = JSON.parse(text);
    if (typeof message.meldingId !== 'string') return res.writeHead(400).end('meldingId missing');
    res.writeHead(200).end();
    await answerMottatt(message.meldingId).catch((e) => console.error(`${message.meldingId}: mottatt not sent: ${e.message}`));
    await db.query('INSERT INTO innkommende_push (id, sjekksum) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
      [message.meldingId, createHash('sha256').update(JSON.stringify(message.bekymringsmelding ?? null)).digest('hex')])
      .catch((e) => console.error(`${message.meldingId} not stored: ${e.message}`));
  }).catch((e) => { console.error(`bad push: ${e.message}`); if (!res.headersSent) res.writeHead(400).end(); });
}).listen(port, '127.0.0.1', () => console.log(`push-eager listening on ${port}`));
