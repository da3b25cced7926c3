// The faults set on a black-box system's own database role, through `kvittering test` as a user runs it:
// each example logs in as a login role of its own (not a superuser, no client-side statement timeout:
// STATEMENT_TIMEOUT_MS=0) in a throw-away database. A backup job's table lock with a lock timeout and
// then a statement timeout set for the role cancels the system's INSERTs; a connection limit of 0 with
// its idle sessions ended refuses the logins its pool then needs. careful-archive (no receipt without a
// COMMIT) passes with the three confirmed; swallowed-error (receipts whatever its INSERT did) fails
// under them, and passes under the same lock without them — the timeouts are what bit. A profile
// without storage.role is refused naming the field; kvittering's own login as the role is UNKNOWN.
// KVITTERING_DEEP (npm run test:deep) runs each PASS/FAIL case three times.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../reports/run-report.js';
import { createPostgresDatabase, type TestDatabase } from '../support/real-databases.js';
import { createSystemRole } from '../support/system-role.js';
import { runBin } from '../support/run-bin.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const repeats = process.env.KVITTERING_DEEP === '1' ? 3 : 1;
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'kvittering-role-faults-'));
  process.env.BLACKBOX_PORTAL_PASSWORD = 'test-only-secret';
  // Each run sets its own; a profile refused before it runs must not fail for want of one.
  process.env.BLACKBOX_SYSTEM_DATABASE_URL = 'postgres://127.0.0.1:5432/never_created';
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * The lock (1d–4d) meets a lock timeout (1d–2d12h), then a statement timeout (2d12h–4d); no connections
 * 4d12h–6d12h. Each window lasts at least 600 ms wall: on a loaded machine a confirmation can come a few
 * hundred ms late, and a window shortened to nothing meets no report (UNKNOWN).
 */
const roleFaults = [
  '  - { kind: backup-spike, from: 1d, to: 4d }',
  '  - { kind: db-lock-timeout, from: 1d, to: 2d12h, timeout: 1h }',
  '  - { kind: db-statement-timeout, from: 2d12h, to: 4d, timeout: 2h }',
  '  - { kind: db-connection-exhaustion, from: 4d12h, to: 6d12h }',
].join('\n');

/** An example's profile, logging in as BLACKBOX_SYSTEM_DATABASE_URL's role, with this fault plan. */
/** `role`: what storage.role says; null leaves it out. */
function variant(name: string, file: string, faults: string, role: string | null = '${BLACKBOX_SYSTEM_ROLE}'): string {
  const profile = readFileSync(join(root, `examples/black-box/${name}/system.yaml`), 'utf8')
    .replace(/DATABASE_URL: '\$\{BLACKBOX_DATABASE_URL:-[^']*\}'/, "DATABASE_URL: '${BLACKBOX_SYSTEM_DATABASE_URL}'\n      STATEMENT_TIMEOUT_MS: '0'")
    .replace('command: [node, system.js]', `command: [node, system.js]\n    cwd: ${join(root, 'examples/black-box', name)}`)
    .replace(/^( {2}sessions: .*)$/m, role === null ? '$1' : `$1\n  role: '${role}'`)
    .replace(/^faults:\n[\s\S]*$/m, `faults:\n${faults}\n`);
  const path = join(out, file);
  writeFileSync(path, profile);
  return path;
}

/** Runs the profile against a fresh database and role; the role's URL and name are in the environment. */
async function test(profile: string, name: string) {
  const db: TestDatabase = await createPostgresDatabase();
  const role = await createSystemRole(db);
  process.env.BLACKBOX_DATABASE_URL = db.url;
  process.env.BLACKBOX_SYSTEM_DATABASE_URL = role.url;
  process.env.BLACKBOX_SYSTEM_ROLE = role.name;
  try {
    const dir = join(out, `${name}-${Date.now().toString(36)}`);
    const result = await runBin(['test', profile, '--out', dir], { cwd: root });
    const reportFile = join(dir, `${name}.json`);
    const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport : undefined;
    return { ...result, report };
  } finally {
    await db.drop();
    await role.drop();
  }
}

const check = (report: RunReport | undefined, name: string) => report?.verdict.checks.find((c) => c.name === name);
const lost = (report: RunReport | undefined) => (report?.verdict.counts['lost-silent'] ?? 0) + (report?.verdict.counts['lost-detected-late'] ?? 0);
/** Every window met reports (listed in the order the server confirmed them, which load may change). */
function expectEveryWindowMetReports(report: RunReport | undefined): void {
  const summary = check(report, 'faults-met-reports')?.summary;
  expect(summary).toMatch(/^every storage fault window met reports \(/);
  for (const kind of ['backup-spike', 'db-lock-timeout', 'db-statement-timeout', 'db-connection-exhaustion']) expect(summary).toMatch(new RegExp(`[(; ]${kind} [^;]*: [1-9]\\d*[;)]`));
}

describe('kvittering test with faults set on the system\'s database role', () => {
  for (let round = 1; round <= repeats; round++) {
    it(`careful-archive passes with the lock timeout, the statement timeout and the exhausted connections confirmed (round ${round})`, async () => {
      const r = await test(variant('careful-archive', 'careful-role.yaml', roleFaults), 'careful-archive');
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^PASS {2}careful-archive/m);
      expect(check(r.report, 'faults-applied')?.summary).toMatch(/every planned fault took effect \(4 confirmed/);
      expectEveryWindowMetReports(r.report);
      expect(lost(r.report)).toBe(0);
      expect(r.report?.verdict.counts.stored).toBeGreaterThan(0);
    });

    it(`swallowed-error fails under them: the cancelled and refused INSERTs were receipted all the same (round ${round})`, async () => {
      const r = await test(variant('swallowed-error', 'swallowed-role.yaml', roleFaults), 'swallowed-error');
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^FAIL {2}swallowed-error/m);
      expect(check(r.report, 'faults-applied')?.summary).toMatch(/every planned fault took effect \(4 confirmed/);
      expectEveryWindowMetReports(r.report);
      expect(r.report?.verdict.counts['lost-silent'], r.stdout).toBeGreaterThan(0);
      // The first lost report's trace shows a role fault applied (and, where it closed before, healed) around it.
      const faults = (r.report?.trace?.entries ?? []).filter((e) => e.kind === 'fault');
      expect(faults.some((e) => e.kind === 'fault' && ['db-lock-timeout', 'db-statement-timeout', 'db-connection-exhaustion'].includes(e.fault) && e.phase === 'start'), JSON.stringify(faults)).toBe(true);
    });

    it(`swallowed-error passes under the same table lock without the role faults: the timeouts are what cancelled its writes (round ${round})`, async () => {
      const r = await test(variant('swallowed-error', 'swallowed-lock-only.yaml', '  - { kind: backup-spike, from: 1d, to: 4d }'), 'swallowed-error');
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(lost(r.report)).toBe(0);
    });
  }

  it('a role fault without storage.role exits 2 naming the field', async () => {
    const r = await runBin(['test', variant('careful-archive', 'no-role.yaml', roleFaults, null)], { cwd: root });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/storage\.role is missing — expected the database role the system logs in as \(db-lock-timeout is planned/);
  });

  it('kvittering\'s own login role as storage.role is UNKNOWN (exit 3), the reason in the report', async () => {
    const r = await test(variant('careful-archive', 'own-role.yaml', roleFaults, 'postgres'), 'careful-archive');
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^UNKNOWN {2}careful-archive/m);
    expect(check(r.report, 'faults-applied')?.valid).toBe('unknown');
    expect(check(r.report, 'faults-applied')?.summary).toMatch(/db-lock-timeout at .* could not be applied: storage\.role "postgres" is the role kvittering itself logs in as \(storage\.url\)/);
    expect(check(r.report, 'faults-applied')?.summary).toMatch(/db-connection-exhaustion at .* could not be applied/);
  });
});
