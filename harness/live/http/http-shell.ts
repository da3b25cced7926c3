// A thin node:http shell around Fetch-style handlers: node request → `Request` → handler → `Response`
// → node response. It owns what a real service needs and a handler should not: a body-size limit
// checked before and while reading, timeouts on headers, bodies and handlers, JSON answers even for
// requests node itself rejects, and a graceful shutdown that answers every accepted request and waits
// for the service's own pending work (`drain`) before the process may exit.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';
import { HttpError, jsonResponse, toErrorResponse } from '../../../simulators/http/http-error.js';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../../simulators/http/read-body.js';
import type { DirectRoute } from '../../../simulators/http/direct-route.js';

type FetchHandler = (request: Request) => Promise<Response>;


interface HttpShellOptions {
  /** Loopback by default; only bind elsewhere on purpose. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** The handler, given the shell's own base URL (never the client's Host header). */
  handler: (baseUrl: string) => FetchHandler;
  /** Hot routes answered without a web-stream round trip (see DirectRoute), given the base URL too. */
  direct?: (baseUrl: string) => readonly DirectRoute[];
  bodyLimitBytes?: number;
  /** Whole request (headers and body) must arrive within this. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** A handler that has not answered by then gets a 503. */
  handlerTimeoutMs?: number;
  /** Longest graceful shutdown before remaining connections are cut. */
  shutdownTimeoutMs?: number;
  /** Called once requests have drained during shutdown: finish the service's own pending work. */
  drain?: (deadlineMs: number) => Promise<void>;
}

interface RunningShell {
  url: string;
  port: number;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /** Stop accepting, answer what was accepted, drain, close. Idempotent. */
  close(): Promise<void>;
}

const shellDefaults = {
  host: '127.0.0.1',
  port: 0,
  bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 5_000,
  handlerTimeoutMs: 15_000,
  shutdownTimeoutMs: 10_000,
};

/** Fetch handler over msw request handlers: the same handlers `setupServer` uses in tests. */
function mswHandler(handlers: readonly RequestHandler[], baseUrl: string): FetchHandler {
  return async (request) => (await getResponse([...handlers], request, { baseUrl })) ?? toErrorResponse(
    new HttpError(404, 'E_HTTP_NOT_FOUND', `path ${JSON.stringify(new URL(request.url).pathname.slice(0, 80))} is not served`, 'path'),
  );
}

function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limitBytes) {
      reject(new HttpError(413, 'E_HTTP_BODY_TOO_LARGE', `body is ${declared} bytes — expected at most ${limitBytes}`, 'body'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new HttpError(413, 'E_HTTP_BODY_TOO_LARGE', `body is more than ${limitBytes} bytes — expected at most ${limitBytes}`, 'body'));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client aborted')));
  });
}

/** The request's headers as a handler sees them; a value `Headers` refuses is a 400 naming the header. */
function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      throw HttpError.field(`headers.${(raw[i] as string).slice(0, 40)}`, (raw[i + 1] as string).slice(0, 40), 'a valid HTTP header value');
    }
  }
  return headers;
}

function toRequest(req: IncomingMessage, baseUrl: string, body: Buffer): Request {
  const target = req.url ?? '';
  if (!target.startsWith('/')) throw HttpError.field('request-target', target.slice(0, 80), 'an origin-form path starting with "/"');
  const headers = toHeaders(req);
  const method = req.method ?? 'GET';
  const withBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  try {
    // Concatenation, not URL resolution: "//evil.example/x" stays a path on our own origin.
    return new Request(`${baseUrl}${target}`, { method, headers, body: withBody ? body : null });
  } catch (error) {
    throw new HttpError(400, 'E_HTTP_REQUEST', `request ${method.slice(0, 16)} ${target.slice(0, 80)} cannot be read (${error instanceof Error ? error.message.slice(0, 80) : 'invalid'}) — expected a well-formed HTTP request`, 'request');
  }
}

async function writeResponse(res: ServerResponse, response: Response, closeAfter: boolean): Promise<void> {
  if (response.type === 'error') {
    res.socket?.destroy(); // msw's HttpResponse.error(): a network error, the client sees a reset
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  headers['content-length'] = String(body.length);
  if (closeAfter) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}

/** What writeResponse writes for jsonResponse(status, body), without building the Response. */
function writeJson(res: ServerResponse, status: number, value: unknown, closeAfter: boolean): void {
  const body = Buffer.from(JSON.stringify(value));
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };
  if (closeAfter) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(onTimeout()), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const rawJson = (status: number, code: string, message: string) => {
  const body = JSON.stringify({ status, error: code, message: `[kvittering] ${code}: ${message}` });
  return `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n`
    + `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
};

async function startHttpShell(options: HttpShellOptions): Promise<RunningShell> {
  const o = { ...shellDefaults, ...options };
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let handle: FetchHandler = () => Promise.resolve(jsonResponse(503, { status: 503, error: 'E_STARTING' }));
  const sockets = new Set<Socket>();
  /** Direct routes by "METHOD target". */
  let direct = new Map<string, DirectRoute>();

  const server = createServer({ requestTimeout: o.requestTimeoutMs, headersTimeout: o.headersTimeoutMs, keepAliveTimeout: o.keepAliveTimeoutMs }, (req, res) => {
    if (draining) {
      void writeResponse(res, jsonResponse(503, { status: 503, error: 'E_SHUTTING_DOWN', message: '[kvittering] E_SHUTTING_DOWN: the service is shutting down — retry against another instance or later' }, { 'retry-after': '1' }), true);
      return;
    }
    inFlight++;
    const route = direct.size === 0 ? undefined : direct.get(`${req.method ?? ''} ${req.url ?? ''}`);
    void (async () => {
      let response: Response;
      try {
        const body = await readBody(req, o.bodyLimitBytes);
        if (route !== undefined) {
          const answer = route.serve({ headers: toHeaders(req), body });
          try {
            if (!res.destroyed) writeJson(res, answer.status, answer.body, draining || answer.status === 413);
          } catch {
            res.destroy();
          }
          return;
        }
        const request = toRequest(req, baseUrl, body);
        response = await withTimeout(handle(request), o.handlerTimeoutMs, () => jsonResponse(503, {
          status: 503, error: 'E_HANDLER_TIMEOUT', message: `[kvittering] E_HANDLER_TIMEOUT: no answer within ${o.handlerTimeoutMs} ms — expected the service to answer; retry later`,
        }));
      } catch (error) {
        response = toErrorResponse(error);
      }
      try {
        if (!res.destroyed) await writeResponse(res, response, draining || response.status === 413);
      } catch {
        res.destroy();
      }
    })().finally(() => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });

  // Requests node's parser rejects (bad method token, oversized or malformed headers, timeouts)
  // still get a JSON answer before the socket closes.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && !socket.destroyed) {
      const code = error.code;
      const answer = code === 'HPE_HEADER_OVERFLOW' ? rawJson(431, 'E_HTTP_HEADERS_TOO_LARGE', 'headers are too large — expected at most 16 KiB of headers')
        : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? rawJson(408, 'E_HTTP_TIMEOUT', `the request did not arrive within ${o.requestTimeoutMs} ms — expected a complete request`)
          : rawJson(400, 'E_HTTP_PARSE', `the request could not be parsed (${(code ?? 'error').slice(0, 40)}) — expected a well-formed HTTP/1.1 request`);
      socket.end(answer);
    } else {
      socket.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.port;
  const baseUrl = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  handle = o.handler(baseUrl);
  direct = new Map((o.direct?.(baseUrl) ?? []).map((r) => [`${r.method} ${r.target}`, r]));

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      const deadline = performance.now() + o.shutdownTimeoutMs;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await withTimeout(new Promise<void>((resolve) => { idle = resolve; }), Math.max(0, deadline - performance.now()), () => undefined);
      }
      if (o.drain !== undefined) await withTimeout(o.drain(deadline), Math.max(0, deadline - performance.now()), () => undefined);
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await stopped;
    })();
    return closing;
  };

  return { url: baseUrl, port, get inFlight() { return inFlight; }, close };
}

export { startHttpShell, mswHandler, shellDefaults };
export type { HttpShellOptions, RunningShell, FetchHandler };
