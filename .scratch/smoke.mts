import { servePortal } from '/work/wt/live/harness/live/serve-portal.js';
import { serveCaseSystem } from '/work/wt/live/harness/live/serve-case-system.js';
import { judgeLedger } from '/work/wt/live/harness/oracle/oracle.js';
const acct = { receiver: 'oslo', username: 'oslo', password: 'pw', style: 'push' as const };
const portal = await servePortal({ receivers: [{ ...acct, pushUrl: 'http://127.0.0.1:1/x' }], msPerVirtualDay: 1000, portal: { retentionDays: 1 } });
const cs = await serveCaseSystem({ ackPolicy: 'before-commit', portalUrl: portal.url, portalCredentials: acct, msPerVirtualDay: 86_400_000 });
portal.live.pushEndpoints[0]!.url = cs.pushUrl;
const t0 = performance.now();
const res = await Promise.all(Array.from({ length: 50 }, () => fetch(`${portal.url}/bekymringsmelding`, { method: 'POST', body: JSON.stringify({ kommune: 'oslo', type: 'privat' }) }).then((r) => r.status)));
console.log(res.join(','), performance.now() - t0);
for (let k = 0; k < 3; k++) { const t1 = performance.now();
await Promise.all(Array.from({ length: 200 }, () => fetch(`${portal.url}/bekymringsmelding`, { method: 'POST', body: JSON.stringify({ kommune: 'oslo', type: 'privat' }) }).then((r) => r.status)));
console.log('200 in', performance.now() - t1); }
await new Promise((r) => setTimeout(r, 3000));
const kinds: Record<string, number> = {};
for (const e of portal.ledger.entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
console.log(kinds);
console.log(judgeLedger(portal.ledger.entries, portal.clock.now()).verdict.counts);
await cs.close(); await portal.close();
