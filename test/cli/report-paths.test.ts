// Reports name their scenario relative to its package root, not to the working directory: the same run
// started from the project root and from a subdirectory writes byte-identical reports (every format),
// and `replay` finds the scenario from either place.

import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findReportedFile, reportPath } from '../../harness/scenario/report-path.js';
import { runBin } from '../support/run-bin.js';

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'kvittering-report-paths-'));
  writeFileSync(join(project, 'package.json'), '{ "name": "a-municipality", "private": true }\n');
  mkdirSync(join(project, 'scenarios', 'nightly'), { recursive: true });
  writeFileSync(join(project, 'scenarios', 'nightly', 'tiny.yaml'), stringify({
    id: 'tiny', title: 'Tiny', narrative: 'One case system storing a few reports after commit.', expected: 'pass', seed: 5,
    topology: { receivers: [{ id: 'oslo', caseSystem: { ackPolicy: 'after-commit' } }] },
    workload: { ratePerDay: 20, duration: '2d' },
  }));
});

describe('report paths', () => {
  it('the same run from the project root and from a subdirectory writes byte-identical reports', async () => {
    const fromRoot = await runBin(['run', 'scenarios/nightly/tiny.yaml', '--out', join(project, 'out-root')], { cwd: project });
    const fromSub = await runBin(['run', 'nightly/tiny.yaml', '--out', join(project, 'out-sub')], { cwd: join(project, 'scenarios') });
    expect(fromRoot.code, fromRoot.stderr).toBe(0);
    expect(fromSub.code, fromSub.stderr).toBe(0);
    const files = readdirSync(join(project, 'out-root')).sort();
    expect(files).toEqual(['tiny.html', 'tiny.json', 'tiny.junit.xml', 'tiny.md']);
    expect(readdirSync(join(project, 'out-sub')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(project, 'out-sub', f), 'utf8'), f).toBe(readFileSync(join(project, 'out-root', f), 'utf8'));
    const report = JSON.parse(readFileSync(join(project, 'out-root', 'tiny.json'), 'utf8')) as { meta: { file: string }; reproducibility: { command: string } };
    expect(report.meta.file).toBe('scenarios/nightly/tiny.yaml');
    // The rerun command is built from the stored path, so it too is the same from both places.
    expect(report.reproducibility.command).toBe('kvittering run scenarios/nightly/tiny.yaml --seed 5');
  });

  it('replay finds the scenario from a subdirectory of the project', async () => {
    const made = await runBin(['run', 'scenarios/nightly/tiny.yaml', '--format', 'json', '--out', 'out-replay'], { cwd: project });
    expect(made.code, made.stderr).toBe(0);
    const replayed = await runBin(['replay', '../../out-replay/tiny.json', '--out', join(project, 'out-replay')], { cwd: join(project, 'scenarios', 'nightly') });
    expect(replayed.code, replayed.stdout + replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain('reproduced byte for byte');
  });

  it('a file outside any package is named relative to the working directory; a miss says where replay looked', () => {
    const loose = mkdtempSync(join(tmpdir(), 'kvittering-loose-'));
    // /tmp holds no package.json on this machine; if it ever did, the root-relative answer would show here.
    expect(reportPath(loose, join(loose, 'a', 'b.yaml'))).toBe('a/b.yaml');
    expect(reportPath(project, join(project, 'scenarios', 'nightly', 'tiny.yaml'))).toBe('scenarios/nightly/tiny.yaml');
    const { found, looked } = findReportedFile(loose, 'scenarios/nowhere.yaml');
    expect(found).toBeUndefined();
    expect(looked).toContain(join(loose, 'scenarios', 'nowhere.yaml'));
    // kvittering's own package is searched last: its shipped library is found from anywhere.
    expect(findReportedFile(loose, 'scenarios/npb-2023-before-fix.yaml').found).toMatch(/scenarios[\\/]npb-2023-before-fix\.yaml$/);
  });
});
