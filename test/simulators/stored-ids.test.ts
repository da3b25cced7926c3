// The database's set of stored ids (a sorted array): it must answer like a Set whatever order ids
// are committed in — in order (the usual append), late (a retry, a redelivery) and twice (a duplicate).

import { describe, expect, it } from 'vitest';
import { StoredIds } from '../../simulators/database/stored-ids.js';
import { Rng } from '../../harness/runtime/rng.js';

describe('StoredIds', () => {
  it('holds nothing at first', () => {
    const ids = new StoredIds();
    expect(ids.has(0)).toBe(false);
    expect(ids.size).toBe(0);
  });

  it('adds in order, late and twice like a Set, and says whether the id was new', () => {
    const ids = new StoredIds();
    expect([5, 9, 2, 7, 9, 0, 5, 12].map((id) => ids.add(id))).toEqual([true, true, true, true, false, true, false, true]);
    expect(ids.size).toBe(6);
    expect([0, 1, 2, 5, 6, 7, 8, 9, 12, 13].map((id) => ids.has(id))).toEqual([true, false, true, true, false, true, false, true, true, false]);
  });

  it('agrees with a Set over thousands of ids in shuffled order (growth past its first capacity included)', () => {
    const rng = new Rng(3);
    const ids = new StoredIds();
    const set = new Set<number>();
    for (let i = 0; i < 3_000; i++) {
      const id = i % 3 === 0 ? Math.floor(rng.next() * 4_000) : i;
      expect(ids.add(id)).toBe(!set.has(id));
      set.add(id);
    }
    expect(ids.size).toBe(set.size);
    for (let id = -1; id <= 4_001; id++) expect(ids.has(id)).toBe(set.has(id));
  });
});
