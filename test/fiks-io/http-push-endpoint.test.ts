// The portal's push to a case system over HTTP, against a tiny receiver on 127.0.0.1 (port 0): what
// the portal sends (the Fiks IO-shaped body and headers), how it reads the HTTP answer as the
// transport answer (2xx ack, 4xx nack, 5xx or 429 nack-requeue), and that no answer at all is no
// transport answer — the portal's own delivery timeout must decide, so a silent receiver is never
// mistaken for one that took the message.

import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpPushEndpoint, transportAnswerFor } from '../../simulators/portal/http/http-push-endpoint.js';
import type { Delivery, TransportAnswer } from '../../simulators/portal/endpoints.js';

interface Received { method: string | undefined; path: string | undefined; headers: IncomingMessage['headers']; body: string }

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A receiver that records each request and answers it with `answer`. */
async function receiver(answer: (res: ServerResponse, received: Received) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      answer(res, r);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fiks-io/meldinger`, received };
}

const delivery: Delivery = { msg: { id: 1000, receiver: 0, sender: 'public', sentAtMs: 1_764_000_000_000 }, attempt: 1, redelivered: false, respond: () => undefined };
const ID = '6b766974-0000-4000-8000-0000000003e8';

/**
 * Push once; resolves once the transport answer came, or once the push ended without one (an outcome
 * of no answer, then a pause in which a wrong transport answer would still show), or after `waitMs`.
 */
function push(endpoint: HttpPushEndpoint, d: Delivery = delivery, waitMs = 5_000): Promise<{ answers: TransportAnswer[]; outcomes: [boolean, string][] }> {
  const answers: TransportAnswer[] = [];
  const outcomes: [boolean, string][] = [];
  return new Promise((resolve) => {
    // setImmediate: inFlight settles (finally runs after respond) before the caller looks.
    const done = (afterMs: number) => { clearTimeout(deadline); setTimeout(() => setImmediate(() => resolve({ answers, outcomes })), afterMs); };
    const deadline = setTimeout(() => resolve({ answers, outcomes }), waitMs);
    endpoint.onOutcome = (answered, detail) => {
      outcomes.push([answered, detail]);
      if (!answered) done(50);
    };
    endpoint.deliver({
      ...d,
      respond: (answer) => {
        answers.push(answer);
        done(0);
      },
    });
  });
}

describe('transportAnswerFor', () => {
  it('reads 2xx as ack, 429 and 5xx as nack-requeue, everything else as nack', () => {
    const table = [199, 200, 202, 299, 300, 304, 400, 409, 422, 428, 429, 430, 499, 500, 503, 599].map((status) => [status, transportAnswerFor(status)]);
    expect(table).toEqual([
      [199, 'nack'], [200, 'ack'], [202, 'ack'], [299, 'ack'], [300, 'nack'], [304, 'nack'], [400, 'nack'], [409, 'nack'],
      [422, 'nack'], [428, 'nack'], [429, 'nack-requeue'], [430, 'nack'], [499, 'nack'], [500, 'nack-requeue'], [503, 'nack-requeue'], [599, 'nack-requeue'],
    ]);
  });
});

describe('a push over HTTP', () => {
  it('POSTs the Fiks IO-shaped message and headers, with Basic auth when it has credentials', async () => {
    const { url, received } = await receiver((res) => res.writeHead(202).end('ok'));
    const content = (d: Delivery) => ({ kommune: 'oslo', forsok: d.attempt });
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', credentials: { username: 'npb', password: 'test-only' }, timeoutMs: 5_000, content });
    const result = await push(endpoint, { ...delivery, attempt: 3, redelivered: true });
    expect(result).toEqual({ answers: ['ack'], outcomes: [[true, 'HTTP 202']] });
    expect(endpoint.inFlight).toBe(0);
    const r = received[0] as Received;
    expect(received).toHaveLength(1);
    expect(r).toMatchObject({ method: 'POST', path: '/fiks-io/meldinger' });
    expect(r.headers).toMatchObject({
      'content-type': 'application/json', 'melding-id': ID, 'type': 'no.ks.fiks.bekymringsmelding.offentlig.v1', 'avsender-id': 'npb',
      'klientmelding-id': ID, 'bekymringsmelding-id': ID, 'resendt': 'true', 'authorization': `Basic ${Buffer.from('npb:test-only').toString('base64')}`,
    });
    expect(JSON.parse(r.body)).toStrictEqual({
      meldingId: ID, meldingType: 'no.ks.fiks.bekymringsmelding.offentlig.v1', avsenderKontoId: 'npb', mottakerKontoId: 'oslo',
      sendtTidspunkt: 1_764_000_000_000, resendt: true, bekymringsmelding: { kommune: 'oslo', forsok: 3 },
    });
  });

  it('sends a private report as privat, a first delivery as resendt false, and no authorization without credentials', async () => {
    const { url, received } = await receiver((res) => res.writeHead(200).end());
    const endpoint = new HttpPushEndpoint({ url, account: 'bergen', timeoutMs: 5_000, content: () => ({}) });
    expect(await push(endpoint, { ...delivery, msg: { ...delivery.msg, sender: 'private' } })).toEqual({ answers: ['ack'], outcomes: [[true, 'HTTP 200']] });
    const r = received[0] as Received;
    expect(r.headers.authorization).toBeUndefined();
    expect(r.headers).toMatchObject({ type: 'no.ks.fiks.bekymringsmelding.privat.v1', resendt: 'false' });
    expect(JSON.parse(r.body)).toMatchObject({ meldingType: 'no.ks.fiks.bekymringsmelding.privat.v1', mottakerKontoId: 'bergen', resendt: false });
  });

  it('reads the receiver\'s status as the transport answer', async () => {
    const statuses = [400, 503, 429];
    const { url } = await receiver((res) => res.writeHead(statuses.shift() ?? 200).end('{}'));
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', timeoutMs: 5_000, content: () => ({}) });
    expect(await push(endpoint)).toEqual({ answers: ['nack'], outcomes: [[true, 'HTTP 400']] });
    expect(await push(endpoint)).toEqual({ answers: ['nack-requeue'], outcomes: [[true, 'HTTP 503']] });
    expect(await push(endpoint)).toEqual({ answers: ['nack-requeue'], outcomes: [[true, 'HTTP 429']] });
  });

  it('goes where url points now: a receiver started after the portal', async () => {
    const { url, received } = await receiver((res) => res.writeHead(200).end());
    const endpoint = new HttpPushEndpoint({ url: 'http://127.0.0.1:9/nowhere', account: 'oslo', timeoutMs: 5_000, content: () => ({}) });
    endpoint.url = url;
    expect((await push(endpoint)).answers).toEqual(['ack']);
    expect(received).toHaveLength(1);
  });

  it('answers only once the whole answer body has arrived, and still answers when the body breaks off', async () => {
    let finish: () => void = () => undefined;
    const { url } = await receiver((res) => {
      res.writeHead(200, { 'content-length': '20' });
      res.write('0123456789');
      finish = () => res.destroy();
    });
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', timeoutMs: 5_000, content: () => ({}) });
    const pushed = push(endpoint);
    // Half the body is there, but the answer is not read yet: no transport answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(endpoint.inFlight).toBe(1);
    finish();
    // The receiver answered 200: it took the message, even though its answer's body broke off.
    expect(await pushed).toEqual({ answers: ['ack'], outcomes: [[true, 'HTTP 200']] });
    expect(endpoint.inFlight).toBe(0);
  });

  it('stamps each outcome with when its push went out, not when the answer came', async () => {
    let answer: () => void = () => undefined;
    const { url } = await receiver((res) => { answer = () => res.writeHead(200).end(); });
    let clockMs = 1_000;
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', timeoutMs: 5_000, content: () => ({}), now: () => clockMs });
    const stamps: number[] = [];
    const answered = new Promise<void>((resolve) => {
      endpoint.onOutcome = (_answered, _detail, sentAtMs) => { stamps.push(sentAtMs); resolve(); };
    });
    endpoint.deliver({ ...delivery, respond: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 100));
    clockMs = 5_000;
    answer();
    await answered;
    expect(stamps).toEqual([1_000]);
  });
});

describe('no answer is no transport answer', () => {
  async function unanswered(endpoint: HttpPushEndpoint, waitMs: number): Promise<{ answers: TransportAnswer[]; outcomes: [boolean, string][] }> {
    const result = await push(endpoint, delivery, waitMs);
    // inFlight drops once the exchange failed, without a transport answer.
    await new Promise((resolve) => setImmediate(resolve));
    expect(endpoint.inFlight).toBe(0);
    return result;
  }

  it('a receiver that does not answer in time', async () => {
    const { url } = await receiver(() => undefined);
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', timeoutMs: 150, content: () => ({}) });
    expect(await unanswered(endpoint, 3_000)).toEqual({ answers: [], outcomes: [[false, 'no answer in time']] });
  });

  it('a refused connection, by its error code', async () => {
    const { url } = await receiver(() => undefined);
    const closing = servers.pop();
    await new Promise((resolve) => closing?.close(resolve));
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', timeoutMs: 2_000, content: () => ({}) });
    expect(await unanswered(endpoint, 3_000)).toEqual({ answers: [], outcomes: [[false, 'ECONNREFUSED']] });
  });

  it('a url fetch cannot use, by its message when the error has no code', async () => {
    const endpoint = new HttpPushEndpoint({ url: 'ftp://127.0.0.1/fiks-io', account: 'oslo', timeoutMs: 2_000, content: () => ({}) });
    expect(await unanswered(endpoint, 3_000)).toEqual({ answers: [], outcomes: [[false, 'fetch failed']] });
  });

  it('without an outcome listener too', async () => {
    const { url } = await receiver((res) => res.writeHead(204).end());
    const endpoint = new HttpPushEndpoint({ url, account: 'oslo', timeoutMs: 2_000, content: () => ({}) });
    const answer = await new Promise<TransportAnswer>((resolve) => endpoint.deliver({ ...delivery, respond: resolve }));
    expect(answer).toBe('ack');
    const silent = new HttpPushEndpoint({ url: 'ftp://127.0.0.1/', account: 'oslo', timeoutMs: 2_000, content: () => ({}) });
    silent.deliver(delivery);
    expect(silent.inFlight).toBe(1);
    await new Promise<void>((resolve) => { const check = () => (silent.inFlight === 0 ? resolve() : setTimeout(check, 10)); check(); });
    expect(silent.inFlight).toBe(0);
  });
});
