// The case system's table of the few ids it has in hand (pending jobs, unanswered downloads): it must
// answer like a Map through adds, deletes in any order (swap-removal), re-adds and a clear.

import { describe, expect, it } from 'vitest';
import { IdTable } from '../../simulators/case-system/id-table.js';

describe('IdTable', () => {
  it('maps ids to values, and forgets a deleted one while keeping the rest', () => {
    const t = new IdTable<string>();
    t.add(4, 'four');
    t.add(7, 'seven');
    t.add(9, 'nine');
    expect(t.size).toBe(3);
    t.delete(4);
    expect([t.get(4), t.get(7), t.get(9), t.has(4), t.has(9), t.size]).toEqual([undefined, 'seven', 'nine', false, true, 2]);
    t.delete(4); // not there: nothing changes
    expect(t.size).toBe(2);
    t.delete(9); // the last one
    expect([t.get(7), t.get(9), t.size]).toEqual(['seven', undefined, 1]);
  });

  it('reuses freed slots: ids added after deletes and after a clear are found, cleared ones are not', () => {
    const t = new IdTable<number>();
    for (const id of [1, 2, 3]) t.add(id, id * 10);
    t.delete(2);
    t.add(5, 50);
    expect([1, 2, 3, 5].map((id) => t.get(id))).toEqual([10, undefined, 30, 50]);
    t.clear();
    expect([t.size, t.has(1), t.get(5)]).toEqual([0, false, undefined]);
    t.add(3, 33);
    expect([t.size, t.get(3), t.has(1)]).toEqual([1, 33, false]);
  });

  it('agrees with a Map under a long mix of adds and deletes', () => {
    const t = new IdTable<number>();
    const m = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      const id = (i * 7) % 23;
      if (m.has(id)) {
        t.delete(id);
        m.delete(id);
      } else {
        t.add(id, i);
        m.set(id, i);
      }
      expect(t.size).toBe(m.size);
    }
    for (let id = 0; id < 23; id++) expect([t.has(id), t.get(id)]).toEqual([m.has(id), m.get(id)]);
  });
});
