// The CLI as users and CI meet it: spawn bin/kvittering.js and check exit codes, files and messages.
// Exit codes: 0 as expected · 1 a verdict (or replay) differs · 2 bad input · 130 interrupted.

import { mkdtempSync, readFileSync, existsSync, writeFileSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { messagesFor } from '../../reports/i18n.js';
import { runBin } from '../support/run-bin.js';

const tiny = (id: string, expected: string) => stringify({
  id, title: `Tiny ${id}`, narrative: 'One case system storing a few reports after commit.', expected, seed: 3,
  topology: { receivers: [{ id: 'oslo', caseSystem: { ackPolicy: 'after-commit' } }] },
  workload: { ratePerDay: 20, duration: '2d' },
});

let dir: string;
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kvittering-cli-'));
  mkdirSync(join(dir, 'good'));
  writeFileSync(join(dir, 'good', 'tiny-pass.yaml'), tiny('tiny-pass', 'pass'));
  mkdirSync(join(dir, 'replay'));
  writeFileSync(join(dir, 'replay', 'tiny-pass.yaml'), tiny('tiny-pass', 'pass'));
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed', 'tiny-pass.yaml'), tiny('tiny-pass', 'pass'));
  // Claims the safe configuration is unsafe: the run must say it is not, and exit 1.
  writeFileSync(join(dir, 'mixed', 'tiny-wrong.yaml'), tiny('tiny-wrong', 'fail'));
  writeFileSync(join(dir, 'bad.yaml'), tiny('bad', 'pass').replace('ackPolicy: after-commit', 'ackPolicy: after-comit'));
  copyFileSync(fileURLToPath(new URL('../../scenarios/npb-2023-before-fix.yaml', import.meta.url)), join(dir, 'npb.yaml'));
});

describe.concurrent('kvittering run', () => {
  it('exits 0 when every verdict is the expected one and writes every report format', async () => {
    const r = await runBin(['run', 'good'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tiny-pass\s+pass\s+pass\s+yes/);
    for (const ext of ['json', 'md', 'html', 'junit.xml']) expect(existsSync(join(dir, 'out', `tiny-pass.${ext}`))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'tiny-pass.json'), 'utf8')) as { reproducibility: { command: string; seed: number; scenarioHash: string }; meta: { file: string } };
    expect(report.meta.file).toBe('good/tiny-pass.yaml');
    expect(report.reproducibility).toMatchObject({ seed: 3, command: 'kvittering run good/tiny-pass.yaml --seed 3' });
    expect(report.reproducibility.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stderr).toContain('▶ tiny-pass (seed 3, good/tiny-pass.yaml)');
  });

  it('exits 1 when a verdict differs from the expected one, and says how to reproduce it', async () => {
    const r = await runBin(['run', 'mixed', '--out', 'out-mixed'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/tiny-wrong\s+fail\s+pass\s+NO/);
    expect(r.stdout).toContain('did not reach the expected verdict: tiny-wrong');
    expect(r.stdout).toContain('reproduce: kvittering run mixed/tiny-wrong.yaml --seed 3');
    expect(readFileSync(join(dir, 'out-mixed', 'junit.xml'), 'utf8')).toContain('tiny-wrong');
  });

  it('honours --seed, --format and --lang', async () => {
    const r = await runBin(['run', 'good/tiny-pass.yaml', '--seed', '7', '--format', 'json,markdown', '--lang', 'nb', '--out', 'out-nb'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out-nb')).sort()).toEqual(['tiny-pass.json', 'tiny-pass.md']);
    const report = JSON.parse(readFileSync(join(dir, 'out-nb', 'tiny-pass.json'), 'utf8')) as { reproducibility: { seed: number; command: string } };
    expect(report.reproducibility).toMatchObject({ seed: 7, command: 'kvittering run good/tiny-pass.yaml --seed 7 --lang nb' });
    const markdown = readFileSync(join(dir, 'out-nb', 'tiny-pass.md'), 'utf8');
    expect(markdown).toContain(`${messagesFor('nb').verdict}:`);
    expect(markdown).not.toContain(`${messagesFor('en').verdict}:`);
  });

  it('exits 2 on an invalid scenario with the path, value and a hint — no stack trace', async () => {
    const r = await runBin(['run', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[kvittering] E_SCENARIO_FIELD: bad.yaml: topology.receivers[0].caseSystem.ackPolicy is "after-comit" — expected one of after-commit, before-commit, retry-then-fail');
    expect(r.stderr).toContain('Hint: did you mean "after-commit"?');
    noStack(r.stderr);
  });

  it('exits 130 on Ctrl-C and writes the report marked incomplete', async () => {
    writeFileSync(join(dir, 'long.yaml'), stringify({
      id: 'long', title: 'Long', narrative: 'Polls every second for years.', expected: 'pass', seed: 1, keepLedger: false,
      topology: { receivers: [{ id: 'slow', style: 'poll', caseSystem: { pollInterval: '1s' } }] },
      workload: { ratePerDay: 10, duration: '3000d' },
    }));
    const r = await runBin(['run', 'long.yaml', '--format', 'json', '--out', 'out-long'], {
      cwd: dir,
      onStart: (child, stderr) => {
        const poll = setInterval(() => {
          if (!stderr().includes('▶ long')) return;
          clearInterval(poll);
          setTimeout(() => child.kill('SIGINT'), 500);
        }, 50);
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Interrupted');
    const report = JSON.parse(readFileSync(join(dir, 'out-long', 'long.json'), 'utf8')) as { horizon: { complete: boolean; reached: boolean } };
    expect(report.horizon).toMatchObject({ complete: false, reached: false });
    expect(r.stdout).toMatch(/long\s+pass\s+unknown\s+INCOMPLETE/);
  });
});

describe.concurrent('kvittering replay', () => {
  it('reproduces a report byte for byte, and says so when it cannot', async () => {
    expect((await runBin(['run', 'replay/tiny-pass.yaml', '--format', 'json', '--out', 'out-replay'], { cwd: dir })).code).toBe(0);
    const path = join(dir, 'out-replay', 'tiny-pass.json');
    const same = await runBin(['replay', 'out-replay/tiny-pass.json'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('reproduced byte for byte: out-replay/tiny-pass.json (tiny-pass, seed 3, verdict pass)');

    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace(/"stored": (\d+)/, (_m, n: string) => `"stored": ${Number(n) + 1}`));
    const tampered = await runBin(['replay', 'out-replay/tiny-pass.json', '--out', 'out-replay'], { cwd: dir });
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('NOT reproduced');
    expect(readFileSync(join(dir, 'out-replay', 'tiny-pass.replay.json'), 'utf8')).toBe(original);

    writeFileSync(path, original);
    writeFileSync(join(dir, 'replay', 'tiny-pass.yaml'), tiny('tiny-pass', 'pass').replace('seed: 3', 'seed: 4'));
    const changed = await runBin(['replay', 'out-replay/tiny-pass.json'], { cwd: dir });
    writeFileSync(join(dir, 'replay', 'tiny-pass.yaml'), tiny('tiny-pass', 'pass'));
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('E_REPLAY_SCENARIO');
    expect(changed.stderr).toContain('the scenario changed since the report');
  });
});

describe.concurrent('kvittering sweep', () => {
  it('writes a table, an SVG heatmap and the data for the grid', async () => {
    const r = await runBin(['sweep', 'npb.yaml', '--retention', '14d', '--reconciliation', 'off,1d', '--ack-policy', 'before-commit', '--out', 'out-sweep'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('npb-2023-before-fix: 2 point(s), seed 2023');
    const table = JSON.parse(readFileSync(join(dir, 'out-sweep', 'npb-2023-before-fix.sweep.json'), 'utf8')) as { cells: { reconciliationInterval: string; lost: number; recovered: number }[] };
    expect(table.cells.map((c) => c.reconciliationInterval)).toEqual(['off', '1d']);
    expect(table.cells[0]?.lost).toBeGreaterThan(0);
    expect(table.cells[1]?.lost).toBe(0);
    expect(table.cells[1]?.recovered).toBe(table.cells[0]?.lost);
    const svg = readFileSync(join(dir, 'out-sweep', 'npb-2023-before-fix.sweep.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g><title>/g)).toHaveLength(4); // 2 rows × 1 retention × 2 panels
    expect(readFileSync(join(dir, 'out-sweep', 'npb-2023-before-fix.sweep.md'), 'utf8')).toContain('![heatmap](npb-2023-before-fix.sweep.svg)');
  });

  it('exits 2 on a bad axis value with a hint', async () => {
    const r = await runBin(['sweep', 'npb.yaml', '--ack-policy', 'before-comit'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[kvittering] E_SWEEP_AXIS: ack policy value "before-comit" — expected one of after-commit, before-commit, retry-then-fail');
    expect(r.stderr).toContain('did you mean "before-commit"?');
  });
});

describe.concurrent('kvittering list, validate and usage errors', () => {
  it('lists and validates, exiting 2 when a file is invalid', async () => {
    const list = await runBin(['list', 'mixed'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/tiny-pass\s+pass\s+Tiny tiny-pass\s+mixed\/tiny-pass.yaml/);
    const validate = await runBin(['validate', 'mixed', 'bad.yaml'], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain('ok       mixed/tiny-wrong.yaml (tiny-wrong, expects fail)');
    expect(validate.stdout).toContain('invalid  bad.yaml');
    expect(validate.stdout).toContain('2 valid, 1 invalid');
    noStack(validate.stdout);
  });

  it('names a misspelt option or command and suggests the right one', async () => {
    const option = await runBin(['run', 'good', '--sed', '4'], { cwd: dir });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('[kvittering] E_CLI_OPTION: --sed is not an option');
    expect(option.stderr).toContain('Hint: did you mean "--seed"?');
    const command = await runBin(['rnu', 'good'], { cwd: dir });
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Hint: did you mean "run"?');
    noStack(option.stderr + command.stderr);
  });
});
