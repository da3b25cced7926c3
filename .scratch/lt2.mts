import pg from 'pg';
import { createStoredProbe } from '/work/wt/live/harness/live/stored-probe.js';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await admin.connect();
await admin.query('DROP DATABASE IF EXISTS kv_scratch2 WITH (FORCE)'); await admin.query('CREATE DATABASE kv_scratch2');
const url = 'postgres://postgres@127.0.0.1:5432/kv_scratch2';
const a = new pg.Client({ connectionString: url }); await a.connect();
await a.query('CREATE TABLE received_reports (message_id bigint primary key)');
await a.query('BEGIN'); await a.query('LOCK TABLE received_reports IN SHARE MODE');
const b = new pg.Client({ connectionString: url }); await b.connect();
void b.query('INSERT INTO received_reports VALUES (1)').catch((e) => console.log('insert err', e.code));
await new Promise((r) => setTimeout(r, 100));
const probe = createStoredProbe({ kind: 'sql', connectionString: url, query: 'SELECT message_id FROM received_reports WHERE message_id = ANY(:ids)' }, 2000);
const t = performance.now();
try { console.log(await probe.storedAmong([1, 2]), performance.now() - t); } catch (e) { console.log('probe err', (e as Error).message, performance.now() - t); }
const c = new pg.Client({ connectionString: url }); await c.connect();
const t2 = performance.now();
console.log((await c.query('SELECT 1 AS found FROM received_reports WHERE message_id = $1', [5])).rows, performance.now() - t2);
await a.query('ROLLBACK'); await a.end(); await b.end(); await c.end(); await probe.close();
await admin.query('DROP DATABASE IF EXISTS kv_scratch2 WITH (FORCE)'); await admin.end();
