// openapi/portal.yaml must describe exactly what the portal serves: the same routes, and for each
// operation every status the handlers answer with is documented, and documented JSON bodies carry
// their required fields. The requests run in-process through the very handlers `serve portal` uses.

import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { parse } from 'yaml';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { portalRoutes } from '../../simulators/portal/http/portal-handlers.js';
import { basic, bergen, portalFixture } from '../support/live-portal-fixture.js';

interface Operation { responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }> }
interface Schema { $ref?: string; required?: string[]; type?: string; items?: Schema }
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content?: Record<string, { schema?: Schema }> }>; schemas: Record<string, Schema> };
}

const spec = parse(readFileSync(new URL('../../openapi/portal.yaml', import.meta.url), 'utf8')) as Spec;
const BASE = 'http://portal.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const deref = <T extends { $ref?: string }>(x: T): T => {
  if (x.$ref === undefined) return x;
  const [, , kind, name] = x.$ref.split('/') as [string, string, 'responses' | 'schemas', string];
  return spec.components[kind][name] as T;
};

function documentedRequired(op: Operation, status: number): string[] | undefined {
  const response = op.responses[String(status)];
  if (response === undefined) return undefined;
  const schema = deref(response).content?.['application/json']?.schema;
  if (schema === undefined) return [];
  const resolved = deref(schema);
  return resolved.type === 'array' ? [] : resolved.required ?? [];
}

describe('openapi/portal.yaml', () => {
  it('is OpenAPI 3.1 and lists exactly the served routes', () => {
    expect((spec as unknown as { openapi: string }).openapi).toBe('3.1.0');
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(portalRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('documents every status and required field the handlers answer with', async () => {
    const clock = new Scheduler();
    const live = portalFixture(clock);
    server.use(...live.handlers(BASE));
    const submitted = await (await fetch(`${BASE}/bekymringsmelding`, { method: 'POST', body: JSON.stringify({ kommune: 'bergen', type: 'privat' }) })).json() as { id: string };
    const id = submitted.id;
    const unknownId = '6b766974-0000-4000-8000-00000000ffff';
    const auth = { authorization: basic(bergen), 'content-type': 'application/json' };
    const bodies: Record<string, unknown> = {
      '/bekymringsmelding': { kommune: 'bergen', type: 'offentlig' },
      '/mottakFeilet/forsendelse/{id}': { feilmelding: 'lagring feilet', permanent: false },
      '/fiks-io/api/v1/send': { metadata: { meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: id } },
    };
    const token = await (await fetch(`${BASE}/token`, { method: 'POST', headers: { authorization: basic(bergen) }, body: 'grant_type=client_credentials' })).json() as { access_token: string };
    const fiksIoAuth = { integrasjonid: bergen.username, integrasjonpassord: bergen.password, authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' };
    const good: Record<string, { headers: Record<string, string>; body: string }> = {
      '/fiks-io/api/v1/send': { headers: fiksIoAuth, body: JSON.stringify(bodies['/fiks-io/api/v1/send']) },
      '/token': { headers: { authorization: basic(bergen) }, body: 'grant_type=client_credentials' },
    };
    let checked = 0;
    for (const route of portalRoutes) {
      const op = spec.paths[route.path]?.[route.method.toLowerCase()] as Operation;
      const variants: { path: string; headers: Record<string, string>; body?: string }[] = [
        { path: route.path.replace('{id}', id), headers: auth, body: JSON.stringify(bodies[route.path] ?? {}) },
        ...Object.entries(good).filter(([path]) => path === route.path).map(([path, g]) => ({ path, ...g })),
        { path: route.path.replace('{id}', unknownId), headers: auth, body: '{"kommune": 1}' },
        { path: route.path.replace('{id}', id), headers: {}, body: 'not json' },
      ];
      for (const v of variants) {
        const res = await fetch(`${BASE}${v.path}`, { method: route.method, headers: v.headers, ...(route.method === 'GET' ? {} : { body: v.body }) });
        const required = documentedRequired(op, res.status);
        expect(required, `${route.method} ${v.path} answered ${res.status}, not documented`).toBeDefined();
        if (res.headers.get('content-type')?.startsWith('application/json') === true && route.path !== '/forsendelse/{id}') {
          const body = await res.json() as Record<string, unknown>;
          for (const field of required ?? []) expect(body, `${route.method} ${route.path} ${res.status} lacks ${field}`).toHaveProperty(field);
        } else {
          await res.arrayBuffer();
        }
        checked++;
      }
    }
    expect(checked).toBe(portalRoutes.length * 3 + Object.keys(good).length);
  });
});
