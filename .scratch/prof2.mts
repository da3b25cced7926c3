import { servePortal } from '/work/wt/live/harness/live/serve-portal.js';
const acct = { receiver: 'oslo', username: 'oslo', password: 'pw', style: 'poll' as const };
const portal = await servePortal({ receivers: [acct], msPerVirtualDay: 1000, portal: { retentionDays: 1 } });
for (const path of ['/health', '/health', '/bekymringsmelding', '/bekymringsmelding']) {
  const t1 = performance.now();
  await Promise.all(Array.from({ length: 200 }, () => fetch(`${portal.url}${path}`, path === '/health' ? {} : { method: 'POST', body: JSON.stringify({ kommune: 'oslo', type: 'privat' }) }).then((r) => r.arrayBuffer())));
  console.log(path, performance.now() - t1);
}
let t1 = performance.now();
for (let i = 0; i < 200; i++) await fetch(`${portal.url}/health`).then((r) => r.arrayBuffer());
console.log('sequential health', performance.now() - t1);
await portal.close();
