import { createServer } from 'node:http';
const s = createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); });
await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
const url = `http://127.0.0.1:${(s.address() as any).port}/health`;
for (let k = 0; k < 3; k++) { const t1 = performance.now();
for (let i = 0; i < 200; i++) await fetch(url).then((r) => r.arrayBuffer());
console.log('bare sequential', performance.now() - t1); }
s.close();
