// `kvittering test` on a terminal: a progress bar redrawn in place on stderr (no plain "▶" header),
// cleared before the verdict, and --seed carried into the run and its rerun command. In process, through
// the same cli() entry the bin uses, with a terminal for stderr; careful-archive with no fault planned.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../harness/cli/cli.js';
import type { CliIo } from '../../harness/cli/cli-io.js';
import type { RunReport } from '../../reports/run-report.js';
import { createPostgresDatabase } from '../support/real-databases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'kvittering-test-tty-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('kvittering test on a terminal', () => {
  it('draws a progress bar on stderr, clears it before the verdict, and runs with the --seed given', async () => {
    const db = await createPostgresDatabase();
    try {
      const profile = join(out, 'quiet.yaml');
      writeFileSync(profile, readFileSync(join(root, 'examples/black-box/careful-archive/system.yaml'), 'utf8')
        .replace(/^faults:\n[\s\S]*$/m, 'faults: []\n')
        .replace('command: [node, system.js]', `command: [node, system.js]\n    cwd: ${join(root, 'examples/black-box/careful-archive')}`));
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        cwd: out, env: { BLACKBOX_PORTAL_PASSWORD: 'test-only-secret', BLACKBOX_DATABASE_URL: db.url }, stderrIsTTY: true,
        stdout: (text) => { stdout += text; },
        stderr: (text) => { stderr += text; },
        onInterrupt: () => () => undefined,
        wallMs: () => performance.now(),
      };
      const code = await cli(['test', 'quiet.yaml', '--seed', '11', '--out', 'reports', '--format', 'json'], io, '0.0.0-test');
      expect(code, stdout + stderr).toBe(0);
      // Each redraw: carriage return, the bar, the label, erase to the end of the line (ESC [ K).
      const bars = stderr.split('\r').filter((line) => /^\[#*-*\] +\d+% careful-archive: receipt only after COMMIT \(live\)/.test(line) && line.endsWith('\u001b[K'));
      expect(bars.length, JSON.stringify(stderr.slice(0, 400))).toBeGreaterThanOrEqual(2);
      expect(stderr.endsWith('\r\x1b[K')).toBe(true);
      expect(stderr).not.toContain('▶');
      expect(stdout).toMatch(/^PASS {2}careful-archive/m);
      expect(stdout).toContain('reproduce: kvittering test quiet.yaml --seed 11');
      const report = JSON.parse(readFileSync(join(out, 'reports/careful-archive.json'), 'utf8')) as RunReport;
      expect(report.reproducibility.seed).toBe(11);
    } finally {
      await db.drop();
    }
  });
});
