// The reference case system's HTTP surface, as msw handlers (run in-process by tests, behind the
// node:http shell by `kvittering serve case-system`):
//   POST /fiks-io/meldinger   a pushed message; the answer is the transport answer:
//                             200 ack · 503 nack-with-requeue / down / no answer in time
//   GET  /lagret/{id}         what the storage really holds: 200 {lagret: true} or 404 {lagret: false}
//   GET  /health
// Optional Basic auth guards everything except /health.

import { http, type HttpHandler } from 'msw';
import { HttpError, jsonResponse } from '../../http/http-error.js';
import { authenticate, type Credentials } from '../../http/basic-auth.js';
import { booleanField, oneOfField, readJsonObject, stringField } from '../../http/read-body.js';
import { guarded, notRouted } from '../../portal/http/portal-handlers.js';
import { MESSAGE_TYPES, parseMessageUuid } from '../../portal/http/wire.js';
import type { MessageHeader } from '../../portal/message.js';
import type { CaseSystemService } from './case-system-service.js';

const caseSystemRoutes = [
  { method: 'POST', path: '/fiks-io/meldinger' },
  { method: 'GET', path: '/lagret/{id}' },
  { method: 'GET', path: '/health' },
] as const;

function messageId(text: string, field: string): number {
  const msg = parseMessageUuid(text);
  if (msg === undefined) throw HttpError.field(field, text.slice(0, 64), 'a kvittering message UUID (6b766974-0000-4000-8000-…)');
  return msg;
}

function caseSystemHandlers(service: CaseSystemService, baseUrl: string, options: { credentials?: Credentials; lookupTimeoutMs: number; ackPolicy: string }): HttpHandler[] {
  const at = (path: string) => `${baseUrl}${path}`;
  const guard = (request: Request) => {
    if (options.credentials !== undefined) authenticate(request, [options.credentials]);
  };
  return [
    http.get(at('/health'), () => jsonResponse(200, { status: 'ok', ackPolicy: options.ackPolicy })),

    http.post(at('/fiks-io/meldinger'), guarded(async ({ request }) => {
      guard(request);
      const body = await readJsonObject(request);
      const id = stringField(body, 'meldingId', { maxLength: 64 });
      const msg = messageId(id, 'body.meldingId');
      const type = oneOfField(body, 'meldingType', [MESSAGE_TYPES.offentlig, MESSAGE_TYPES.privat]);
      const sentAt = body.sendtTidspunkt;
      if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) throw HttpError.field('body.sendtTidspunkt', sentAt, 'a number (epoch or run milliseconds)');
      const redelivered = booleanField(body, 'resendt');
      const report = body.bekymringsmelding;
      if (typeof report !== 'object' || report === null || Array.isArray(report)) throw HttpError.field('body.bekymringsmelding', report, 'an object (bekymringsmelding.json)');
      const header: MessageHeader = { id: msg, receiver: 0, sender: type === MESSAGE_TYPES.offentlig ? 'public' : 'private', sentAtMs: sentAt };
      const outcome = await service.push(header, redelivered);
      switch (outcome) {
        case 'ack': return jsonResponse(200, { meldingId: id, svar: 'ack' });
        case 'nack': return jsonResponse(409, { meldingId: id, svar: 'nack' });
        case 'nack-requeue': return jsonResponse(503, { meldingId: id, svar: 'nack-requeue' }, { 'retry-after': '1' });
        case 'down': return jsonResponse(503, { meldingId: id, svar: 'unavailable' }, { 'retry-after': '1' });
        case 'timeout': return jsonResponse(503, { meldingId: id, svar: 'timeout' });
      }
    })),

    http.get(at('/lagret/:id'), guarded(async ({ request, params }) => {
      guard(request);
      const id = typeof params.id === 'string' ? params.id : '';
      const stored = await service.lookup(messageId(id, 'id'), options.lookupTimeoutMs);
      if (stored === 'timeout') throw new HttpError(503, 'E_STORAGE_TIMEOUT', `lookup of ${id} did not finish within ${options.lookupTimeoutMs} ms — expected the database to answer`, 'id');
      return jsonResponse(stored ? 200 : 404, { id, lagret: stored });
    })),

    http.all(at('/*'), guarded(({ request }) => notRouted(request, baseUrl, caseSystemRoutes))),
  ];
}

export { caseSystemHandlers, caseSystemRoutes };
