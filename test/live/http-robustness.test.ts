// Hostile input against the real HTTP services (node:http shell + the msw handlers): whatever the
// method, path, headers or body, the answer is a well-formed 2xx or 4xx JSON document and the server
// stays up; raw garbage on the socket gets a JSON 400 or a closed connection, never a crash.

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { servePortal, type RunningPortal } from '../../harness/live/serve-portal.js';
import { serveCaseSystem, type RunningCaseSystem } from '../../harness/live/serve-case-system.js';
import { portalRoutes } from '../../simulators/portal/http/portal-handlers.js';
import { caseSystemRoutes } from '../../simulators/case-system/http/case-system-handlers.js';
import { bergen, basic, oslo } from '../support/live-portal-fixture.js';
import { rawRequest } from '../support/raw-http.js';
import { propertyParameters } from '../support/property.js';

let portal: RunningPortal;
let caseSystem: RunningCaseSystem;
const BODY_LIMIT = 4096;

beforeAll(async () => {
  portal = await servePortal({
    receivers: [bergen, { ...oslo, pushUrl: 'http://127.0.0.1:9/refused' }],
    msPerVirtualDay: 60_000, shell: { bodyLimitBytes: BODY_LIMIT, requestTimeoutMs: 2_000, headersTimeoutMs: 1_000 },
  });
  caseSystem = await serveCaseSystem({
    ackPolicy: 'after-commit', portalUrl: portal.url, portalCredentials: oslo,
    auth: { username: 'portal', password: 'test-only' }, shell: { bodyLimitBytes: BODY_LIMIT, requestTimeoutMs: 2_000, headersTimeoutMs: 1_000 },
  });
});
afterAll(async () => {
  await caseSystem.close();
  await portal.close();
});

interface Answer { status: number; contentType: string; body: string }

async function send(base: string, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  const answer = await rawRequest(base, method, path, headers, method === 'GET' || method === 'HEAD' ? undefined : body);
  return { status: answer.status, contentType: String(answer.headers['content-type'] ?? ''), body: answer.body };
}

const token = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'.split('')), minLength: 1, maxLength: 12 });
const visible = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const segment = fc.oneof(fc.constantFrom('6b766974-0000-4000-8000-000000000001', 'mottaker', 'forsendelse', '..', '%00', '%2F', '', 'ø'), token);
const routePath = (routes: readonly { path: string }[]) => fc.oneof(
  fc.constantFrom(...routes.map((r) => r.path)).chain((p) => segment.map((s) => p.replace('{id}', encodeURIComponent(s)))),
  fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.map(encodeURIComponent).join('/')}`),
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'), token.map((t) => t.toUpperCase()));
const headers = fc.record({
  authorization: fc.option(fc.oneof(fc.constant(basic(bergen)), fc.constant(basic({ username: 'portal', password: 'test-only' })), visible.map((v) => `Basic ${v}`), visible), { nil: undefined }),
  'content-type': fc.option(fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'text/plain', 'application/json; charset=utf-16'), { nil: undefined }),
  extra: fc.option(visible, { nil: undefined }),
}).map((h) => Object.fromEntries(Object.entries({ ...h, 'x-extra': h.extra, extra: undefined }).filter(([, v]) => v !== undefined)) as Record<string, string>);
const body = fc.option(fc.oneof(
  visible,
  fc.json({ maxDepth: 3 }),
  fc.record({ kommune: fc.oneof(fc.constant('bergen'), visible), type: fc.oneof(fc.constantFrom('offentlig', 'privat'), visible) }).map((o) => JSON.stringify(o)),
  fc.record({ feilmelding: visible, permanent: fc.oneof(fc.boolean(), visible) }).map((o) => JSON.stringify(o)),
  fc.record({ meldingId: fc.constantFrom('6b766974-0000-4000-8000-000000000001', 'nope'), meldingType: fc.constantFrom('no.ks.fiks.bekymringsmelding.privat.v1', 'x'), sendtTidspunkt: fc.oneof(fc.integer(), visible), resendt: fc.boolean(), bekymringsmelding: fc.object({ maxDepth: 1 }) }).map((o) => JSON.stringify(o)),
  fc.integer({ min: BODY_LIMIT - 10, max: BODY_LIMIT * 3 }).map((n) => 'x'.repeat(n)),
), { nil: undefined });

function wellFormed(answer: Answer, method: string): void {
  expect(answer.status >= 200 && answer.status < 300 || answer.status >= 400 && answer.status < 500, `status ${answer.status}: ${answer.body.slice(0, 200)}`).toBe(true);
  expect(answer.contentType).toMatch(/^application\/json/);
  if (method === 'HEAD') return;
  // No stack trace and no internals in any answer (safety, issue 9).
  expect(answer.body).not.toMatch(/\bat .+:\d+:\d+\)?|TypeError|ReferenceError|Cannot read properties/);
  const parsed = JSON.parse(answer.body) as unknown;
  if (answer.status >= 400) expect(parsed).toMatchObject({ status: answer.status, error: expect.stringMatching(/^E_/) as unknown, message: expect.stringContaining('[kvittering]') as unknown });
}

describe('the HTTP services under arbitrary requests', () => {
  it.each([
    ['portal', () => portal.url, portalRoutes],
    ['case system', () => caseSystem.url, caseSystemRoutes],
  ] as const)('%s: every answer is 2xx/4xx JSON and the server stays up', async (_name, base, routes) => {
    await fc.assert(fc.asyncProperty(method, routePath(routes), headers, body, async (m, path, h, b) => {
      const answer = await send(base(), m, path, h, b);
      // RabbitMQ's HTTP auth backend reads a bare allow/deny; every other answer is JSON — including the
      // 413 for a body over the limit, which RabbitMQ never sends but a stray client may.
      const oversized = b !== undefined && Buffer.byteLength(b) > BODY_LIMIT;
      if (m === 'POST' && /^\/fiks-io\/amqp-auth\/(user|vhost|resource|topic)$/.test(path) && !oversized) {
        expect(answer.status).toBe(200);
        expect(answer.contentType).toMatch(/^text\/plain/);
        expect(answer.body).toMatch(/^(allow|deny)$/);
      } else if (m === 'GET' && answer.status === 404 && /^\/lagret\/[^/]+$/.test(path) && (JSON.parse(answer.body) as { lagret?: unknown }).lagret === false) {
        // The case system's documented storage answer (case-system-handlers.ts): 404 is "not stored",
        // an answer about the id rather than an error document.
        expect(answer.contentType).toMatch(/^application\/json/);
        expect(JSON.parse(answer.body)).toEqual({ id: expect.any(String) as unknown, lagret: false });
      } else wellFormed(answer, m);
      // A credential sent is never echoed back, even in an error about it.
      const credential = h.authorization?.replace(/^Basic /, '') ?? '';
      if (credential.length >= 8) expect(answer.body).not.toContain(credential);
    }), propertyParameters(150));
    const health = await fetch(`${base()}/health`);
    expect(health.status).toBe(200);
  });

  it('answers raw garbage on the socket with a JSON 400 (or closes it), and keeps serving', async () => {
    const url = new URL(portal.url);
    await fc.assert(fc.asyncProperty(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.string({ maxLength: 200 }).map((s) => Buffer.from(`${s}\r\n\r\n`))), async (bytes) => {
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname);
        let data = '';
        socket.on('data', (c: Buffer) => { data += c.toString('latin1'); });
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
        socket.setTimeout(1_500, () => socket.destroy());
        socket.write(bytes, () => socket.end());
      });
      if (reply === '') return; // closed without an answer (half a request line): fine
      expect(reply).toMatch(/^HTTP\/1\.1 (4\d\d|2\d\d) /);
      const json = reply.slice(reply.indexOf('\r\n\r\n') + 4);
      if (/^HTTP\/1\.1 4/.test(reply)) expect(JSON.parse(json)).toMatchObject({ error: expect.stringMatching(/^E_/) as unknown });
    }), propertyParameters(60));
    expect((await fetch(`${portal.url}/health`)).status).toBe(200);
  });

  it('refuses an oversized body with 413 naming the body, before reading it all', async () => {
    const big = JSON.stringify({ kommune: 'bergen', type: 'privat', pad: 'x'.repeat(BODY_LIMIT) });
    const answer = await send(portal.url, 'POST', '/bekymringsmelding', { 'content-type': 'application/json' }, big);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'E_HTTP_BODY_TOO_LARGE', field: 'body' });
  });
});
