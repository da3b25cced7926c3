// One request over raw node:http, for tests that must see exactly what the server wrote (status, the
// headers in the order sent, the body bytes) without fetch normalising any of it. Bounded: 5 s.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

interface RawAnswer {
  status: number;
  /** Header names in the order the server wrote them. */
  headerNames: string[];
  headers: IncomingHttpHeaders;
  body: string;
}

function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        headerNames: res.rawHeaders.filter((_, i) => i % 2 === 0),
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export { rawRequest };
export type { RawAnswer };
