// k6: reports submitted to the portal at a constant arrival rate, plus a receiver polling SvarInn.
//   k6 run -e PORTAL_URL=http://127.0.0.1:8080 -e KOMMUNE=oslo -e RATE=100 -e DURATION=1m load/portal-intake.ts
// Optional: POLL_USER / POLL_PASSWORD for a poll receiver (hentNyeForsendelser every iteration's 10th).

import http from 'k6/http';
import { check } from 'k6';
import encoding from 'k6/encoding';
import { constantArrivalRate } from './lib/options.ts';

const base = __ENV.PORTAL_URL ?? 'http://127.0.0.1:8080';
const kommune = __ENV.KOMMUNE ?? 'oslo';

export const options = constantArrivalRate('reports');

export default function (): void {
  const res = http.post(`${base}/bekymringsmelding`, JSON.stringify({ kommune, type: __ITER % 5 < 3 ? 'offentlig' : 'privat' }), {
    headers: { 'content-type': 'application/json' },
    tags: { route: 'POST /bekymringsmelding' },
  });
  check(res, {
    'accepted (202)': (r) => r.status === 202,
    'has a message id': (r) => typeof r.json('id') === 'string',
  });
  const user = __ENV.POLL_USER;
  if (user !== undefined && __ITER % 10 === 0) {
    const auth = `Basic ${encoding.b64encode(`${user}:${__ENV.POLL_PASSWORD ?? ''}`)}`;
    const list = http.get(`${base}/mottaker/hentNyeForsendelser`, { headers: { authorization: auth }, tags: { route: 'GET /mottaker/hentNyeForsendelser' } });
    check(list, { 'list (200)': (r) => r.status === 200 });
  }
}
