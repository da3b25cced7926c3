// `kvittering explore`: worlds depend on their index alone, so shards merged equal one machine's run
// byte for byte; failing worlds are found, minimised, and replay as ordinary scenario files.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { drawWorld, explorePlan, exploreWorld, failureOf } from '../../harness/explore/explore-world.js';
import { fates, type Fate } from '../../harness/oracle/fates.js';
import type { Verdict } from '../../harness/oracle/oracle.js';
import { shardRange } from '../../harness/explore/explore-results.js';
import { ExplorePool } from '../../harness/explore/explore-pool.js';
import { runBin } from '../support/run-bin.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = 'test/explore/flawed-chain.yaml';
const work = mkdtempSync(join(tmpdir(), 'kvittering-explore-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir` (relative path ⇒ content), shard files left out. */
function reportFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.includes('.shard-')) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = readFileSync(path, 'utf8');
  }
  return files;
}

describe('explore', () => {
  it('shards merged give the same report as one machine running all the worlds', { timeout: 120_000 }, async () => {
    const single = join(work, 'single');
    const sharded = join(work, 'sharded');
    const merged = join(work, 'merged');
    const one = await runBin(['explore', fixture, '--worlds', '10', '--workers', '2', '--out', single], { cwd: root });
    expect(one.stderr).toContain('worlds 0–9 of 10');
    expect(one.code).toBe(1); // the fixture's flawed chain loses reports in some worlds
    const shards = await Promise.all([1, 2, 3].map((i) => runBin(['explore', fixture, '--worlds', '10', '--workers', '1', '--shard', `${i}/3`, '--out', sharded], { cwd: root })));
    for (const s of shards) expect([0, 1]).toContain(s.code);
    const shardFiles = [1, 2, 3].map((i) => join(sharded, `flawed-chain.explore.shard-${i}-of-3.json`));
    const merge = await runBin(['explore', '--merge', ...shardFiles, '--out', merged], { cwd: root });
    expect(merge.code).toBe(1);
    expect(merge.stdout).toContain('Merged 3 shard(s)');

    const a = reportFiles(single);
    const b = reportFiles(merged);
    expect(Object.keys(a)).toContain('flawed-chain.explore.json');
    expect(Object.keys(a).some((f) => f.startsWith('worlds/') && f.endsWith('.yaml'))).toBe(true);
    expect(b).toEqual(a);

    const summary = JSON.parse(a['flawed-chain.explore.json'] as string) as { worlds: number; passed: number; failed: number; failuresByKind: Record<string, number>; smallest?: { index: number; minimalFaults: unknown[]; trace: string[] } };
    expect(summary.worlds).toBe(10);
    expect(summary.passed + summary.failed).toBe(10);
    expect(summary.failed).toBeGreaterThan(0);
    expect(Object.values(summary.failuresByKind).reduce((x, y) => x + y, 0)).toBe(summary.failed);
    // Minimised: one fault is enough to make a receipt-before-commit chain lose a report, and the
    // trace tells that message's story.
    expect(summary.smallest?.minimalFaults.length).toBe(1);
    expect(summary.smallest?.trace.join('\n')).toMatch(/sent by .* to bergen/);
    expect(a['flawed-chain.explore.md']).toContain('## Smallest counterexample');

    // The failing world is an ordinary scenario: `kvittering run` replays it and sees it fail.
    const replay = await runBin(['run', join(single, `worlds/flawed-chain.world-${summary.smallest?.index ?? -1}.yaml`), '--format', 'json', '--out', join(work, 'replay')], { cwd: root });
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/fail/i);
  });

  it('refuses a merge that misses a shard, naming the missing worlds', { timeout: 60_000 }, async () => {
    const dir = join(work, 'partial');
    await runBin(['explore', fixture, '--worlds', '4', '--workers', '1', '--shard', '1/2', '--out', dir], { cwd: root });
    const merge = await runBin(['explore', '--merge', join(dir, 'flawed-chain.explore.shard-1-of-2.json')], { cwd: root });
    expect(merge.code).toBe(2);
    expect(merge.stderr).toMatch(/world\(s\) 2, 3 of 4 are in no shard .* expected all 2 shards/);
  });

  it('a pool reused across ranges and thread counts gives the outcomes of a fresh single-thread run', { timeout: 120_000 }, async () => {
    const loaded = parseScenario(readFileSync(join(root, fixture), 'utf8'), fixture);
    const plan = explorePlan(loaded);
    const expected = [0, 1, 2, 3, 4, 5].map((i) => exploreWorld(loaded, plan, 7, i));
    const pool = await ExplorePool.start(loaded, plan, 7, 2);
    try {
      expect(pool.size).toBe(2);
      const first = await pool.run(0, 3, { workers: 1 });
      const second = await pool.run(3, 6, { workers: 2 });
      expect([...first, ...second]).toEqual(expected);
      expect(await pool.run(0, 6, { workers: 2 })).toEqual(expected);
    } finally {
      await pool.close();
    }
  });

  it('rejects bad options with the option and what was expected', async () => {
    const bad = await runBin(['explore', fixture, '--worlds', '4', '--shard', '3/2'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard is "3/2" — expected i/n with 1 ≤ i ≤ n');
    const none = await runBin(['explore', fixture], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--worlds is missing');
  });

  it('draws world i the same whatever else is drawn, and splits N worlds into contiguous shards', () => {
    const loaded = parseScenario(readFileSync(join(root, fixture), 'utf8'), fixture);
    const plan = explorePlan(loaded);
    expect(plan.family).toBe('any');
    expect(drawWorld(plan, 7, 3)).toEqual(drawWorld(plan, 7, 3));
    expect(drawWorld(plan, 7, 3)).not.toEqual(drawWorld(plan, 7, 4));
    expect(exploreWorld(loaded, plan, 7, 2)).toEqual(exploreWorld(loaded, plan, 7, 2));
    const ranges = [1, 2, 3].map((index) => shardRange(10, { index, count: 3 }));
    expect(ranges).toEqual([{ from: 0, to: 3 }, { from: 3, to: 6 }, { from: 6, to: 10 }]);
    expect(shardRange(2, { index: 1, count: 3 })).toEqual({ from: 0, to: 0 });
  });

  it('keys a failure by every loss fate present, category D (resent-by-reporter) included', () => {
    const verdictWith = (lost: Partial<Record<Fate, number>>): Verdict => {
      const counts = { ...(Object.fromEntries(fates.map((f) => [f, 0])) as Record<Fate, number>), stored: 40, ...lost };
      return { valid: false, checks: { promise: { valid: false, summary: 'lost' }, 'no-duplicates': { valid: true, summary: 'none' } }, counts, total: 50 };
    };
    expect(failureOf('pass', verdictWith({ 'resent-by-reporter': 2 }))).toBe('fail: promise (resent-by-reporter)');
    expect(failureOf('pass', verdictWith({ 'lost-silent': 1, 'resent-by-reporter': 2 }))).toBe('fail: promise (lost-silent, resent-by-reporter)');
    expect(failureOf('pass', verdictWith({ 'lost-detected-late': 1 }))).toBe('fail: promise (lost-detected-late)');
    expect(failureOf('fail', verdictWith({ 'resent-by-reporter': 2 }))).toBeUndefined();
  });

  it('draws survivable faults for a chain in a safe family', () => {
    const file = 'scenarios/npb-2023-after-fix.yaml';
    const plan = explorePlan(parseScenario(readFileSync(join(root, file), 'utf8'), file));
    expect(plan.family).toBe('nets');
    expect(plan.kinds).not.toContain('fallback-disabled');
  });
});
