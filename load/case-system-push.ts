// k6: messages pushed straight at a case system's endpoint, as the portal pushes them, at a constant
// arrival rate. 200 is an ack; 503 (nack-with-requeue) counts as failed here, since under a load test
// the system should keep up. The case system sends its receipts to the portal it was started with.
//   k6 run -e PUSH_URL=http://127.0.0.1:8081/fiks-io/meldinger -e RATE=100 -e DURATION=1m load/case-system-push.ts
// Ids start at ID_BASE (default: from the clock) so repeated runs do not collide in the database.

import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import { constantArrivalRate } from './lib/options.ts';
import { kvitteringUuid } from './lib/ids.ts';

const url = __ENV.PUSH_URL ?? 'http://127.0.0.1:8081/fiks-io/meldinger';
const idBase = Number(__ENV.ID_BASE ?? Date.now() * 16);

export const options = constantArrivalRate('pushes');

export default function (): void {
  const id = kvitteringUuid(idBase + exec.scenario.iterationInTest);
  const type = exec.scenario.iterationInTest % 5 < 3 ? 'no.ks.fiks.bekymringsmelding.offentlig.v1' : 'no.ks.fiks.bekymringsmelding.privat.v1';
  const headers: Record<string, string> = { 'content-type': 'application/json', 'melding-id': id, type, resendt: 'false' };
  if (__ENV.PUSH_AUTH !== undefined) headers.authorization = `Basic ${__ENV.PUSH_AUTH}`;
  const res = http.post(url, JSON.stringify({
    meldingId: id, meldingType: type, avsenderKontoId: 'npb', mottakerKontoId: __ENV.KOMMUNE ?? 'oslo',
    sendtTidspunkt: Date.now(), resendt: false, bekymringsmelding: { kilde: 'k6' },
  }), { headers, tags: { route: 'POST /fiks-io/meldinger' } });
  check(res, { 'acked (200)': (r) => r.status === 200 });
}
