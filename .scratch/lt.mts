import pg from 'pg';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const a = new pg.Client({ connectionString: url }); await a.connect();
await a.query('CREATE TABLE IF NOT EXISTS lt_probe (id int primary key)');
await a.query('BEGIN'); await a.query('LOCK TABLE lt_probe IN SHARE MODE');
const pool = new pg.Pool({ connectionString: url, lock_timeout: 300, options: '-c client_connection_check_interval=200' } as any);
const t = performance.now();
try { await pool.query('INSERT INTO lt_probe VALUES (1) ON CONFLICT DO NOTHING'); console.log('inserted?!', performance.now() - t); } catch (e) { console.log('failed', (e as any).code, performance.now() - t); }
const r = await pool.query('SHOW lock_timeout'); console.log(r.rows);
await a.query('ROLLBACK'); await a.query('DROP TABLE lt_probe'); await a.end(); await pool.end();
