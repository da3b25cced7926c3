// End to end, the way a user meets it: a long scenario whose text carries credentials is run by the
// real CLI and interrupted with Ctrl-C. It must stop, write every report format whole and marked
// incomplete with what was measured so far, leave no temporary file, exit 130 — and no secret may
// appear in any file written, on stdout or on stderr. Bad input echoing secrets is checked too.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runBin } from '../support/run-bin.js';
import { expectCleanMessage } from './fuzz-support.js';

const secrets = ['S3cret-Title-pw', 'Hemmelig-Narrative-99', 'a3ZpdHRlcmluZzpoZW1tZWxpZw', 'eyJhbGciOiJIUzI1NiJ9', 'Hemmelig-Field-77', 'CliSecret-42'];

const dir = mkdtempSync(join(tmpdir(), 'kvittering-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'long.yaml'), stringify({
  id: 'long-with-secrets',
  title: 'Familia behind postgres://svc:S3cret-Title-pw@db.kommune.no:5432/familia',
  narrative: 'Server=sql01;User Id=familia;Password=Hemmelig-Narrative-99; pushed with Authorization: Basic a3ZpdHRlcmluZzpoZW1tZWxpZw== and authorization=Bearer eyJhbGciOiJIUzI1NiJ9.abc.def for years.',
  expected: 'pass', seed: 1, keepLedger: false,
  topology: { receivers: [{ id: 'slow', style: 'poll', caseSystem: { pollInterval: '1s' } }] },
  workload: { ratePerDay: 10, duration: '3000d' },
}));
writeFileSync(join(dir, 'leaky.yaml'), stringify({
  id: 'leaky', title: 'A field that does not exist, holding a password', narrative: 'x', expected: 'pass', seed: 1,
  topology: { receivers: [{ id: 'oslo', database: { connectionString: 'Server=x;Password=Hemmelig-Field-77' } }] },
  workload: { ratePerDay: 1, duration: '1d' },
}));

/** Every file under dir (recursively), with its text. */
function filesUnder(root: string): { path: string; text: string }[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of secrets) expect(text.includes(secret), `${secret} leaked into ${where}`).toBe(false);
}

describe('Ctrl-C and secrets, end to end', () => {
  it('Ctrl-C: exit 130, every format written whole and marked incomplete with what was measured, no temp file, no secret anywhere', async () => {
    const r = await runBin(['run', 'long.yaml', '--out', 'out-int'], {
      cwd: dir,
      onStart: (child, stderr) => {
        const poll = setInterval(() => {
          if (!stderr().includes('▶ long-with-secrets')) return;
          clearInterval(poll);
          setTimeout(() => child.kill('SIGINT'), 1_000);
        }, 50);
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Interrupted');
    const written = filesUnder(join(dir, 'out-int'));
    expect(written.map((f) => f.path.slice(dir.length + 1)).sort()).toEqual(['out-int/long-with-secrets.html', 'out-int/long-with-secrets.json', 'out-int/long-with-secrets.junit.xml', 'out-int/long-with-secrets.md']);
    const json = JSON.parse(written.find((f) => f.path.endsWith('.json'))?.text ?? '') as {
      horizon: { complete: boolean; reached: boolean; eventsRun: number; horizonMs: number };
      verdict: { total: number };
      meta: { title: string; narrative: string };
    };
    expect(json.horizon).toMatchObject({ complete: false, reached: false });
    // What was measured so far is there: simulated time passed, events ran, messages were judged.
    expect(json.horizon.eventsRun).toBeGreaterThan(0);
    expect(json.horizon.horizonMs).toBeGreaterThan(0);
    expect(json.verdict.total).toBeGreaterThan(0);
    // Redacted, not dropped: the reader still sees where a credential was.
    expect(json.meta.title).toBe('Familia behind postgres://svc:***@db.kommune.no:5432/familia');
    expect(json.meta.narrative).toContain('Password=***');
    for (const f of written) expectNoSecret(f.path, f.text);
    expectNoSecret('stdout', r.stdout);
    expectNoSecret('stderr', r.stderr);
  });

  it('bad input that echoes a secret: exit 2, clean message, the secret redacted (scenario field and command line)', async () => {
    const field = await runBin(['run', 'leaky.yaml', '--out', 'out-leaky'], { cwd: dir });
    expect(field.code).toBe(2);
    expectCleanMessage(field.stderr);
    expect(field.stderr).toContain('database.connectionString is "Server=x;Password=***"');
    const cli = await runBin(['validate', 'postgres://svc:CliSecret-42@db.kommune.no/familia.yaml'], { cwd: dir });
    expect(cli.code).toBe(2);
    expectCleanMessage(cli.stderr);
    expect(cli.stderr).toContain('svc:***@db.kommune.no');
    for (const text of [field.stdout, field.stderr, cli.stdout, cli.stderr]) expectNoSecret('output', text);
  });
});
