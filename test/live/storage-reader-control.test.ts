// The reconciliation control's lookups in live mode: one that cannot be made or that fails must be
// counted, so the verdict says UNKNOWN ("what it would have detected is unknown") rather than letting a
// control that never looked pass as one that found nothing missing.

import { describe, expect, it } from 'vitest';
import { Ledger } from '../../harness/ledger/ledger.js';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { SutSpells } from '../../harness/live/sut-spells.js';
import { StorageReader } from '../../harness/live/storage-reader.js';
import type { StoredProbe } from '../../harness/live/stored-probe.js';

function reader() {
  const clock = new LiveClock({ msPerVirtualDay: 1000 });
  const ledger = new Ledger();
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  return { reader: new StorageReader({ clock, ledger, receiverIds: ['bergen'], spells: new SutSpells(clock, ledger, log), log }), lines };
}

const probe = (storedAmong: StoredProbe['storedAmong']): StoredProbe => ({ label: 'test', storedAmong, storedAt: new Map(), close: () => Promise.resolve() });

describe('StorageReader.controlStorage', () => {
  it('counts a lookup made before the storage check exists as failed, and logs why', () => {
    const { reader: r, lines } = reader();
    const answers: boolean[] = [];
    r.controlStorage(0).lookup(7, (stored) => answers.push(stored), undefined);
    expect(r.summary.controlFailed).toBe(1);
    expect(answers).toEqual([]);
    expect(lines.join('\n')).toMatch(/reconciliation read failed: .*no storage check for bergen yet/);
  });

  it('counts a lookup whose read rejects as failed', async () => {
    const { reader: r } = reader();
    r.attach([probe(() => Promise.reject(new Error('ECONNREFUSED')))]);
    r.controlStorage(0).lookup(7, () => undefined, undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.summary.controlFailed).toBe(1);
  });

  it('answers a lookup that reads, and counts nothing as failed', async () => {
    const { reader: r } = reader();
    r.attach([probe((ids) => Promise.resolve(new Map(ids.map((id) => [id, 1]))))]);
    const answers: boolean[] = [];
    r.controlStorage(0).lookup(7, (stored) => answers.push(stored), undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toEqual([true]);
    expect(r.summary.controlFailed).toBe(0);
  });
});
