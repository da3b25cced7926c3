// The broker asks the portal who may log in: RabbitMQ's HTTP auth backend (rabbitmq_auth_backend_http,
// `auth_http.http_method = post`) POSTs form-encoded questions here and reads `allow` or `deny` back.
// Fiks IO's AMQP login is the integration id as user and `"<IntegrasjonPassord> <token>"` as password,
// the token from POST /token, valid and issued to that integration. Once in, an integration may read
// its own account queue `fiksio.konto.<kontoId>` and nothing else: replies go through the send API, never
// over AMQP. A passive declare (checkQueue) needs no permission in RabbitMQ; `configure` is not given, as
// it would also let the integration delete or redeclare the account queue the platform owns. Every
// answer is 200 text: an error is a `deny`.

import { http, type HttpHandler } from 'msw';
import { readText } from '../../http/read-body.js';
import type { PortalService } from './portal-service.js';

interface AmqpAuthDecision {
  path: 'user' | 'vhost' | 'resource' | 'topic';
  username: string;
  allow: boolean;
  /** Why a question was denied (for the portal's log; never the secret). */
  reason?: string;
}

/** The account queue name (harness/live/fiks-io/fiks-io-protocol.ts names it the same way). */
function accountQueue(kontoId: string): string {
  return `fiksio.konto.${kontoId}`;
}

function decide(service: PortalService, path: AmqpAuthDecision['path'], form: URLSearchParams): AmqpAuthDecision {
  const username = form.get('username') ?? '';
  const deny = (reason: string): AmqpAuthDecision => ({ path, username, allow: false, reason });
  if (username === '') return deny('username is missing — expected the integration id');
  if (path === 'user') {
    const login = service.tokens.amqpLogin(username, form.get('password') ?? '');
    return 'refused' in login ? deny(login.refused) : { path, username, allow: true };
  }
  const account = service.tokens.known(username);
  if (account === undefined) return deny('not an integration of this portal');
  if (path === 'vhost') return { path, username, allow: true };
  if (path === 'topic') return deny('Fiks IO has no topic exchanges');
  const kontoId = service.kontoIdOf(account.receiver);
  if (kontoId === undefined) return deny(`${account.receiver} does not receive over Fiks IO`);
  const { resource, name, permission } = { resource: form.get('resource'), name: form.get('name'), permission: form.get('permission') };
  if (resource === 'queue' && name === accountQueue(kontoId) && permission === 'read') return { path, username, allow: true };
  return deny(`${permission ?? '?'} on ${resource ?? '?'} ${JSON.stringify((name ?? '').slice(0, 80))} — expected read on queue ${accountQueue(kontoId)}`);
}

function amqpAuthHandlers(service: PortalService, baseUrl: string, onDecision?: (decision: AmqpAuthDecision) => void): HttpHandler[] {
  return (['user', 'vhost', 'resource', 'topic'] as const).map((path) => http.post(`${baseUrl}/fiks-io/amqp-auth/${path}`, async ({ request }) => {
    let decision: AmqpAuthDecision;
    try {
      decision = decide(service, path, new URLSearchParams(await readText(request)));
    } catch (error) {
      decision = { path, username: '', allow: false, reason: `unreadable request: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}` };
    }
    onDecision?.(decision);
    return new Response(decision.allow ? 'allow' : 'deny', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }));
}

export { amqpAuthHandlers };
export type { AmqpAuthDecision };
