// A system kvittering did not start is seen only through its polls. Here the test itself runs a
// black-box poller (examples/black-box/careful-archive, pointed at a fixed portal port) and, in one
// run, freezes it mid-run with SIGSTOP: the silence must be a sut-poll-gap fault and the run never
// PASS. The same poller left alone passes.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSystemProfile } from '../../harness/system-test/load-system-profile.js';
import { testSystem } from '../../harness/system-test/test-system.js';
import pg from 'pg';
import { createPostgresDatabase } from '../support/real-databases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const system = join(root, 'examples/black-box/careful-archive/system.js');
let out: string;
beforeAll(() => { out = mkdtempSync(join(tmpdir(), 'kvittering-poll-gap-')); });
afterAll(() => rmSync(out, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The careful-archive profile without start: the portal on `port`, watched through its polls. */
function profileText(port: number, dbUrl: string): string {
  return readFileSync(join(root, 'examples/black-box/careful-archive/system.yaml'), 'utf8')
    .replace(/^ {2}start:\n(?: {4}.*\n)+/m, '')
    .replace(/^storage:/m, `portal: { port: ${port} }\nstorage:`)
    .replace(/\$\{BLACKBOX_DATABASE_URL:-[^}]*\}/g, dbUrl)
    .replace(/^faults:\n[\s\S]*$/m, '');
}

async function run(freezeAfterMs: number | undefined) {
  const db = await createPostgresDatabase();
  // An already-running system has its table before kvittering's first read (its own DDL, copied).
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('CREATE TABLE arkiv_innkommende (forsendelse_id uuid PRIMARY KEY, innhold_sha256 text NOT NULL, arkivert_tid timestamptz NOT NULL DEFAULT clock_timestamp())');
  await client.end();
  const port = await freePort();
  const file = join(out, `profile-${port}.yaml`);
  writeFileSync(file, profileText(port, db.url));
  const profile = parseSystemProfile(readFileSync(file, 'utf8'), file, { BLACKBOX_PORTAL_PASSWORD: 'test-only-secret' });
  let child: ChildProcess | undefined;
  try {
    // Started once the portal listens, as an operator's already-running system would be pointed at it.
    const started = (async () => {
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
        if (up) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      child = spawn(process.execPath, [system], {
        env: { ...process.env, PORTAL_URL: `http://127.0.0.1:${port}`, SVARINN_USER: 'careful-archive', SVARINN_PASSWORD: 'test-only-secret', DATABASE_URL: db.url, POLL_MS: '200' },
        stdio: 'ignore',
      });
      if (freezeAfterMs !== undefined) setTimeout(() => child?.kill('SIGSTOP'), freezeAfterMs);
    })();
    const result = await testSystem(profile);
    await started;
    return result;
  } finally {
    child?.kill('SIGKILL');
    await db.drop();
  }
}

describe('a system kvittering did not start, watched through its polls', () => {
  it('profile: the gap defaults to the receipt deadline in wall time without start', () => {
    const profile = parseSystemProfile(profileText(4000, 'postgres://postgres@127.0.0.1:5432/x'), 'p.yaml', { BLACKBOX_PORTAL_PASSWORD: 'x' });
    expect(profile.start).toBeUndefined();
    expect(profile.pollGapMs).toBe(2000); // receiptDeadline 5d × 400 ms per day
    expect(profile.portalPort).toBe(4000);
  });

  it('a poller that stops polling mid-run is a sut-poll-gap fault in the ledger, and the run is not PASS', async () => {
    const r = await run(1500);
    expect(r.outcome, r.reasons.join('\n')).toBe('fail');
    const gap = r.live.sutFaults.find((f) => f.fault === 'sut-poll-gap');
    expect(gap, r.reasons.join('\n')).toBeDefined();
    expect(r.live.ledger.entries.some((e) => e.kind === 'fault' && e.fault === 'sut-poll-gap' && e.phase === 'start')).toBe(true);
    expect(r.reasons.join('\n')).toMatch(/system: .*stopped polling: no poll since/);
  }, 60_000);

  it('a steady poller passes', async () => {
    const r = await run(undefined);
    expect(r.reasons, r.reasons.join('\n')).toEqual([]);
    expect(r.outcome).toBe('pass');
    expect(r.live.sutFaults).toEqual([]);
  }, 60_000);
});
