// A server for the live benchmark, in a process of its own so the load driver does not share its event
// loop: `node live-server.js portal|bare` prints "URL http://127.0.0.1:PORT" once it listens and
// serves until stdin closes. Both answer the portal's report intake, POST /bekymringsmelding:
//   portal — the real HTTP portal (servePortal: http shell, msw handlers, PortalService, core Portal);
//   bare   — node:http alone: read the body, parse it, answer 202 with the same JSON shape.

import { createServer } from 'node:http';
import { servePortal } from '../harness/live/serve-portal.js';

const REPORT_PATH = '/bekymringsmelding';

async function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  let nextId = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== REPORT_PATH) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { kommune?: unknown };
      const id = nextId++;
      const answer = JSON.stringify({ id, status: 'AKSEPTERT', statusUrl: `http://${req.headers.host ?? ''}${REPORT_PATH}/${id}`, kommune: body.kommune });
      res.writeHead(202, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function startPortal(): Promise<{ url: string; close(): Promise<void> }> {
  // One poll receiver: intake never waits for a push to a case system that is not there.
  return servePortal({ receivers: [{ receiver: 'oslo', username: 'oslo', password: 'bench-only', style: 'poll' }], host: '127.0.0.1', port: 0 });
}

const kind = process.argv[2];
if (kind !== 'portal' && kind !== 'bare') {
  process.stderr.write(`[kvittering] E_BENCH_LIVE: server is "${kind ?? ''}" — expected portal or bare\n`);
  process.exit(2);
}
const running = await (kind === 'portal' ? startPortal() : startBare());
process.stdout.write(`URL ${running.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void running.close().then(() => process.exit(0)));
