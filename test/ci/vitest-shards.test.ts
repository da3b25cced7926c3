// The property suite (and the whole suite) split over CI runners with `vitest run --shard=i/n`: every
// test file runs on exactly one runner. Vitest's `list` ignores --shard, so this asks vitest itself —
// the same sequencer.shard() `vitest run --shard` calls — which files each shard gets.

import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Test files vitest would run for these filters, under `--shard=<shard>` when given. */
async function filesOf(filters: string[], shard?: string): Promise<string[]> {
  const vitest = await createVitest('test', { root, watch: false, reporters: [], ...(shard === undefined ? {} : { shard }) });
  try {
    const specs = await vitest.globTestSpecifications(filters);
    const picked = shard === undefined ? specs : await new vitest.config.sequence.sequencer(vitest).shard([...specs]);
    return picked.map((s) => relative(root, s.moduleId).split('\\').join('/')).sort();
  } finally {
    await vitest.close();
  }
}

describe('vitest --shard over CI runners', () => {
  for (const [label, filters] of [['the whole suite', []], ['the property suite', ['test/property']]] as const) {
    it(`${label}: shards 1/2 and 2/2 are disjoint and together run every file`, async () => {
      const all = await filesOf([...filters]);
      const [one, two] = [await filesOf([...filters], '1/2'), await filesOf([...filters], '2/2')];
      expect(all.length).toBeGreaterThan(2);
      expect(one.length).toBeGreaterThan(0);
      expect(two.length).toBeGreaterThan(0);
      expect(one.filter((f) => two.includes(f))).toEqual([]);
      expect([...one, ...two].sort()).toEqual(all);
      // Balanced to within one file: neither runner gets the whole suite.
      expect(Math.abs(one.length - two.length)).toBeLessThanOrEqual(1);
    });
  }

  it('the property suite over the three runners the CI recipes use: every file exactly once', async () => {
    const all = await filesOf(['test/property']);
    const shards = [await filesOf(['test/property'], '1/3'), await filesOf(['test/property'], '2/3'), await filesOf(['test/property'], '3/3')];
    expect(shards.every((s) => s.length > 0)).toBe(true);
    expect(shards.flat().sort()).toEqual(all);
  });

  it('the examples run in the root suite too (a shard can carry them)', async () => {
    expect(await filesOf([])).toEqual(expect.arrayContaining(['examples/vendor-case-system/test/in-process.test.ts', 'examples/vendor-case-system/test/live.test.ts']));
  });
});
