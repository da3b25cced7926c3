// The http shell serves the portal's intake (POST /bekymringsmelding) straight from the node request,
// without msw's Request/Response round trip. The two paths must answer alike: two identical portals,
// one behind the msw handlers only and one with the direct route, get the same requests and must give
// byte-identical answers (status, headers, body — the statusUrl with each server's own base URL) and
// record the same sends (bergen polls, so nothing is pushed on a timer that could race the test).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { mswHandler, startHttpShell, type RunningShell } from '../../harness/live/http/http-shell.js';
import { portalFixture } from '../support/live-portal-fixture.js';
import { rawRequest } from '../support/raw-http.js';

const BODY_LIMIT = 4096;

interface Served { shell: RunningShell; clock: LiveClock; ledger: ReturnType<typeof portalFixture>['ledger'] }

async function serve(direct: boolean): Promise<Served> {
  const clock = new LiveClock({ msPerVirtualDay: 60_000 });
  const live = portalFixture(clock);
  const shell = await startHttpShell({
    handler: (baseUrl) => mswHandler(live.handlers(baseUrl), baseUrl),
    ...(direct ? { direct: (baseUrl: string) => live.directRoutes(baseUrl) } : {}),
    bodyLimitBytes: BODY_LIMIT,
  });
  return { shell, clock, ledger: live.ledger };
}

interface Answer { status: number; headers: string[]; body: string }

async function send(base: string, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  const answer = await rawRequest(base, method, path, headers, body);
  return {
    status: answer.status,
    // Every header but the date, in the order sent: the two paths must write the same ones.
    headers: answer.headerNames.filter((h) => h.toLowerCase() !== 'date').map((h) => `${h}: ${String(answer.headers[h.toLowerCase()])}`),
    body: answer.body.replaceAll(base, '<base>'),
  };
}

let viaMsw: Served;
let viaDirect: Served;
beforeAll(async () => {
  viaMsw = await serve(false);
  viaDirect = await serve(true);
});
afterAll(async () => {
  for (const s of [viaMsw, viaDirect]) {
    await s.shell.close();
    s.clock.close();
  }
});

const json = { 'content-type': 'application/json' };
const cases: [string, string, Record<string, string>, string | undefined][] = [
  ['a public report', '/bekymringsmelding', json, JSON.stringify({ kommune: 'bergen', type: 'offentlig' })],
  ['a private report', '/bekymringsmelding', json, JSON.stringify({ kommune: 'bergen', type: 'privat' })],
  ['an unknown kommune', '/bekymringsmelding', json, JSON.stringify({ kommune: 'bergn', type: 'offentlig' })],
  ['a missing type', '/bekymringsmelding', json, JSON.stringify({ kommune: 'bergen' })],
  ['a wrong type', '/bekymringsmelding', json, JSON.stringify({ kommune: 'bergen', type: 'anonym' })],
  ['an empty body', '/bekymringsmelding', json, undefined],
  ['broken JSON', '/bekymringsmelding', json, '{"kommune": '],
  ['a JSON array', '/bekymringsmelding', json, '[1, 2]'],
  ['invalid UTF-8 in a string', '/bekymringsmelding', json, '{"kommune": "berg\udce9n", "type": "offentlig"}'],
  ['a body over the limit', '/bekymringsmelding', json, JSON.stringify({ kommune: 'bergen', type: 'offentlig', pad: 'x'.repeat(BODY_LIMIT) })],
  ['a query string (msw on both)', '/bekymringsmelding?x=1', json, JSON.stringify({ kommune: 'bergen', type: 'offentlig' })],
  ['a trailing slash (msw on both)', '/bekymringsmelding/', json, JSON.stringify({ kommune: 'bergen', type: 'offentlig' })],
];

describe('the portal intake served directly answers exactly as through msw', () => {
  it.each(cases)('%s', async (_name, path, headers, body) => {
    const a = await send(viaMsw.shell.url, 'POST', path, headers, body);
    const b = await send(viaDirect.shell.url, 'POST', path, headers, body);
    expect(b).toEqual(a);
    expect(a.status).toBeGreaterThan(0);
  });

  it('both portals recorded the same sends', () => {
    const sends = (s: Served) => s.ledger.entries.filter((e) => e.kind === 'send').map((e) => ({ ...e, t: 0 }));
    expect(sends(viaDirect)).toEqual(sends(viaMsw));
    expect(sends(viaMsw).length).toBeGreaterThanOrEqual(2);
  });
});
