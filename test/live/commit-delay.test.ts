// One commit-slowing plan means the same in both live drivers (DbFaultDriver for runLive,
// SystemFaultDriver for `kvittering test`): the same wall delay per commit for the same window, and a
// db-slow-commit without a delay is a fault that could not be applied in both — never a window
// confirmed on the server that slows nothing. The servers are recorders: what is checked is the delay
// each driver asks for.

import { afterEach, describe, expect, it } from 'vitest';
import { DbFaultDriver } from '../../harness/live/db-fault-driver.js';
import { overloadCommitDelayMs } from '../../harness/live/commit-delay.js';
import type { ServerFaults } from '../../harness/live/server-faults.js';
import { SystemFaultDriver } from '../../harness/system-test/system-fault-driver.js';
import type { SystemStorageFaults } from '../../harness/system-test/system-storage-faults.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { HOUR_MS } from '../../harness/runtime/time.js';
import type { FaultSpec } from '../../harness/faults/fault-spec.js';

// One virtual day is 2.4 wall s: a virtual hour is 100 wall ms.
const MS_PER_VIRTUAL_DAY = 2_400;
let clock: LiveClock;
afterEach(() => clock.close());

/** Every commit delay (wall ms) a driver asked the server for, and the driver's view of what happened. */
async function runWindow(driverKind: 'runLive' | 'kvittering test', spec: Omit<FaultSpec, 'fromMs' | 'toMs'>) {
  clock = new LiveClock({ msPerVirtualDay: MS_PER_VIRTUAL_DAY });
  const ledger = new Ledger();
  const delays: number[] = [];
  const setCommitDelay = (wallMs: number) => { delays.push(wallMs); return Promise.resolve(); };
  const window: FaultSpec = { ...spec, fromMs: clock.now(), toMs: clock.now() + 100 * HOUR_MS };
  let problems: () => unknown[];
  let driver: { schedule(plan: readonly FaultSpec[]): FaultSpec[]; healAll(): Promise<void> };
  if (driverKind === 'runLive') {
    const server: ServerFaults = {
      dialect: 'postgres', prepare: () => Promise.resolve(), holdTableLock: () => Promise.reject(new Error('not in this plan')),
      killSessions: () => Promise.resolve(0), countSessions: () => Promise.resolve(0), close: () => Promise.resolve(), setCommitDelay,
    };
    const d = new DbFaultDriver({ clock, ledger, server, caseSystemApplicationName: 'app' });
    driver = d;
    problems = () => d.errors;
  } else {
    // Only setCommitDelay is reached by a slow-commit window; the rest of the class talks to a server.
    const storage = { setCommitDelay } as unknown as SystemStorageFaults;
    const d = new SystemFaultDriver({ clock, ledger, target: 'system', storage });
    driver = d;
    problems = () => d.failures.map((f) => `${f.fault} ${f.phase}: ${f.reason}`);
  }
  expect(driver.schedule([window])).toEqual([]);
  for (let i = 0; i < 200 && delays.length === 0 && problems().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  await driver.healAll();
  return { delays, problems: problems().map(String), faults: ofKind(ledger.entries, 'fault').map((e) => `${e.fault} ${e.phase}`) };
}

describe('a commit-slowing window on a real server, from either live driver', () => {
  it.each(['runLive', 'kvittering test'] as const)('db-slow-commit with a delay: %s asks for it in wall ms, then heals to 0', async (driver) => {
    const r = await runWindow(driver, { kind: 'db-slow-commit', delayMs: 6 * HOUR_MS });
    expect(r.problems).toEqual([]);
    expect(r.delays).toEqual([600, 0]);
    expect(r.faults).toEqual(['db-slow-commit start', 'db-slow-commit heal']);
  });

  it.each(['runLive', 'kvittering test'] as const)('db-slow-commit without a delay: %s applies nothing and says why (UNKNOWN, never a window of 0 ms)', async (driver) => {
    const r = await runWindow(driver, { kind: 'db-slow-commit' });
    expect(r.delays).toEqual([]);
    expect(r.faults).toEqual([]);
    expect(r.problems.join('\n')).toMatch(/db-slow-commit has no delayMs: a commit delay of 0 would slow nothing/);
  });

  it('db-overload without a delay in runLive: the one live default, overloadCommitDelayMs (virtual)', async () => {
    const r = await runWindow('runLive', { kind: 'db-overload', slowdownFactor: 4 });
    expect(r.problems).toEqual([]);
    expect(r.delays).toEqual([overloadCommitDelayMs / HOUR_MS * 100, 0]);
  });

  it('db-overload is not a kind the kvittering test driver carries out: it passes the window on (profiles refuse it, naming db-slow-commit)', () => {
    clock = new LiveClock({ msPerVirtualDay: MS_PER_VIRTUAL_DAY });
    const d = new SystemFaultDriver({ clock, ledger: new Ledger(), target: 'system', storage: {} as unknown as SystemStorageFaults });
    const spec: FaultSpec = { kind: 'db-overload', fromMs: 0, toMs: 1, slowdownFactor: 4 };
    expect(d.schedule([spec])).toEqual([spec]);
  });
});
