// The portal's HTTP surface, defined once as msw handlers over `PortalService`. Tests run them
// in-process with msw's `setupServer`; `kvittering serve portal` runs the very same handlers behind a
// node:http shell (harness/live/http/http-shell.ts). Routes and JSON fields follow KS's public
// documentation (ks-fiks-protocols.md): SvarInn for polling receivers, a Fiks IO-shaped send endpoint
// for the protocol receipts of push receivers, and a reporter-facing intake the workload drives.
// openapi/portal.yaml describes exactly these routes; a test keeps the two in step.

import { http, type HttpHandler } from 'msw';
import type { ProtocolReceipt } from '../../../harness/ledger/entries.js';
import { HttpError, jsonResponse, toErrorResponse } from '../../http/http-error.js';
import { bodyText, booleanField, oneOfField, parseJsonObject, readJsonObject, readText, stringField } from '../../http/read-body.js';
import type { DirectRoute } from '../../http/direct-route.js';
import { readFiksIoSend } from './fiks-io-send.js';
import type { PortalService } from './portal-service.js';
import { catalogueHandlers } from './catalogue-handlers.js';
import { amqpAuthHandlers, type AmqpAuthDecision } from './amqp-auth-handlers.js';

type Resolver = (args: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response> | Response;

/** Every resolver answers JSON, whatever is thrown inside it. */
function guarded(resolver: Resolver): Resolver {
  return async (args) => {
    try {
      return await resolver(args);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

function param(params: Record<string, string | readonly string[] | undefined>, name: string): string {
  const value = params[name];
  return typeof value === 'string' ? value : '';
}

/** Paths the portal serves, for the 405 answer and the OpenAPI check. */
const portalRoutes = [
  { method: 'POST', path: '/bekymringsmelding' },
  { method: 'GET', path: '/bekymringsmelding/{id}' },
  { method: 'GET', path: '/mottaker/hentNyeForsendelser' },
  { method: 'GET', path: '/forsendelse/{id}' },
  { method: 'POST', path: '/kvitterMottak/forsendelse/{id}' },
  { method: 'POST', path: '/mottakFeilet/forsendelse/{id}' },
  { method: 'POST', path: '/fiks-io/api/v1/send' },
  { method: 'POST', path: '/token' },
  { method: 'GET', path: '/fiks-io/katalog/api/v1/kontoer/{kontoId}/offentligNokkel' },
  { method: 'POST', path: '/fiks-io/amqp-auth/user' },
  { method: 'POST', path: '/fiks-io/amqp-auth/vhost' },
  { method: 'POST', path: '/fiks-io/amqp-auth/resource' },
  { method: 'POST', path: '/fiks-io/amqp-auth/topic' },
  { method: 'GET', path: '/health' },
] as const;

/** Where the real SvarInn service serves its receiver API, below the portal's base URL. */
const SVARINN_PREFIX = '/tjenester/svarinn';

type ReceiptHandler = ReturnType<typeof guarded>;

function svarInnHandlers(service: PortalService, base: string, receipt: (kind: ProtocolReceipt) => ReceiptHandler): HttpHandler[] {
  return [
    http.get(`${base}/mottaker/hentNyeForsendelser`, guarded(({ request }) => {
      const account = service.authenticate(request);
      return jsonResponse(200, service.listNew(account, base));
    })),

    http.get(`${base}/forsendelse/:id`, guarded(({ request, params }) => {
      const account = service.authenticate(request);
      const content = service.download(account, param(params, 'id'));
      return new Response(content.bytes, {
        status: 200,
        headers: { 'content-type': content.metadata.mimetype, 'content-disposition': `attachment; filename="${content.metadata.filnavn}"` },
      });
    })),

    http.post(`${base}/kvitterMottak/forsendelse/:id`, receipt('mottatt')),
    http.post(`${base}/mottakFeilet/forsendelse/:id`, receipt('feilet')),
  ];
}

function portalHandlers(
  service: PortalService, baseUrl: string, certificates: ReadonlyMap<string, { certificatePem: string }> = new Map(),
  onAmqpAuth?: (decision: AmqpAuthDecision) => void,
): HttpHandler[] {
  const at = (path: string) => `${baseUrl}${path}`;
  const receipt = (receiptKind: ProtocolReceipt) => guarded(async ({ request, params }) => {
    const account = service.authenticate(request);
    const id = param(params, 'id');
    if (receiptKind === 'mottatt') {
      await readText(request); // the body is ignored, but its size is still limited
      service.receipt(account, id, 'mottatt');
      return jsonResponse(200, { id, status: 'LEST' });
    }
    const body = await readJsonObject(request);
    const feilmelding = stringField(body, 'feilmelding');
    const permanent = booleanField(body, 'permanent');
    service.receipt(account, id, 'feilet', permanent);
    return jsonResponse(200, { id, status: permanent ? 'IKKE_LEVERT' : 'KLAR_FOR_MOTTAK', feilmelding, permanent });
  });

  return [
    http.get(at('/health'), () => jsonResponse(200, { status: 'ok', submitted: service.submitted })),

    http.post(at('/bekymringsmelding'), guarded(async ({ request }) => {
      const { status, body } = submitReport(service, baseUrl, await readJsonObject(request));
      return jsonResponse(status, body);
    })),

    http.get(at('/bekymringsmelding/:id'), guarded(({ params }) => jsonResponse(200, service.status(param(params, 'id'))))),

    // SvarInn: at the root, and under /tjenester/svarinn/ where a real SvarInn client appends its paths.
    ...['', SVARINN_PREFIX].flatMap((prefix) => svarInnHandlers(service, `${baseUrl}${prefix}`, receipt)),

    http.post(at('/fiks-io/api/v1/send'), guarded(async ({ request }) => {
      const account = service.authenticateIntegration(request);
      const send = await readFiksIoSend(request);
      const { meldingId } = await service.send(account, send);
      return jsonResponse(202, { meldingId, meldingType: send.meldingType, svarPaMelding: send.svarPaMelding, avsenderKontoId: send.avsenderKontoId ?? account.receiver });
    })),

    // Maskinporten-like: client credentials (integration id/password) in, a short-lived bearer token out.
    http.post(at('/token'), guarded(async ({ request }) => {
      const form = new URLSearchParams(await readText(request));
      return jsonResponse(200, service.tokens.issue(request, form));
    })),

    ...catalogueHandlers(baseUrl, certificates),

    // RabbitMQ's HTTP auth backend asks here whether a Fiks IO login ("<passord> <token>") may in.
    ...amqpAuthHandlers(service, baseUrl, onAmqpAuth),

    // Anything else: 405 on a known path with the wrong method, 404 otherwise — always JSON.
    http.all(at('/*'), guarded(({ request }) => notRouted(request, baseUrl, portalRoutes))),
  ];
}

/** The report intake, POST /bekymringsmelding: one definition for the msw handler and the direct route. */
function submitReport(service: PortalService, baseUrl: string, body: Record<string, unknown>): { status: number; body: unknown } {
  const kommune = stringField(body, 'kommune', { maxLength: 128 });
  const type = oneOfField(body, 'type', ['offentlig', 'privat'] as const);
  const { id } = service.submit(kommune, type === 'offentlig' ? 'public' : 'private');
  return { status: 202, body: { id, status: 'AKSEPTERT', statusUrl: `${baseUrl}/bekymringsmelding/${id}` } };
}

/**
 * The hot routes for the http shell to serve without msw's Request/Response round trip: the intake a
 * load test drives. Same answers as the handlers above (test/live/portal-direct-routes.test.ts).
 */
function portalDirectRoutes(service: PortalService, baseUrl: string): DirectRoute[] {
  const base = new URL(baseUrl).pathname.replace(/\/$/, '');
  return [{
    method: 'POST', target: `${base}/bekymringsmelding`,
    serve: ({ headers, body }) => submitReport(service, baseUrl, parseJsonObject(bodyText(body, Number(headers.get('content-length') ?? '0')))),
  }];
}

function notRouted(request: Request, baseUrl: string, routes: readonly { method: string; path: string }[]): Response {
  const path = new URL(request.url).pathname.slice(new URL(baseUrl).pathname.replace(/\/$/, '').length);
  const allowed = routes.filter((r) => new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path)).map((r) => r.method);
  if (allowed.length > 0) {
    throw new HttpError(405, 'E_HTTP_METHOD', `method ${request.method.slice(0, 16)} on ${path.slice(0, 80)} is not served — expected ${allowed.join(' or ')}`, 'method');
  }
  throw new HttpError(404, 'E_HTTP_NOT_FOUND', `path ${JSON.stringify(path.slice(0, 80))} is not served — expected one of ${routes.map((r) => r.path).join(', ')}`, 'path');
}

export { portalHandlers, portalDirectRoutes, portalRoutes, notRouted, guarded };
