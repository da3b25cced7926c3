// A system under test that goes away in a live run — its port closed, its connections reset, its
// requests left hanging — is recorded as a fault in the ledger and in the result, the run still ends
// on its own (every wait is bounded), and it is never called a pass. Also: live runs refuse remote
// targets nobody named, and record the permission for the ones that were.

import { afterEach, describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { runLive } from '../../harness/live/run-live.js';
import { serveCaseSystem, type RunningCaseSystem } from '../../harness/live/serve-case-system.js';
import { TcpProxy } from '../../harness/live/tcp-proxy.js';
import type { LiveScenario } from '../../harness/live/live-scenario.js';
import { driveLoad, LOAD_CEILINGS } from '../../harness/live/load-driver.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { KvitteringError } from '../../harness/errors.js';
import { checkLiveTargets } from '../../harness/live/live-targets.js';

const account = { username: 'oslo-fagsystem', password: 'test-only-secret' };
let running: RunningCaseSystem | undefined;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await running?.close();
  running = undefined;
  proxy = undefined;
});

const scenario = (over: Partial<LiveScenario> = {}): LiveScenario => ({
  seed: 9,
  msPerVirtualDay: 500,
  // A 6-day (3 s) receipt deadline, so a slow machine does not turn late receipts into printouts.
  portal: { retentionDays: 1, receiptDeadlineMs: 6 * DAY_MS },
  receivers: [{ id: 'oslo', style: 'push', ...account, pushUrl: 'http://127.0.0.1:9/unset', storageCheck: { kind: 'http', lookupUrl: 'http://127.0.0.1:9/unset/{id}' } }],
  workload: { ratePerSecond: 40, durationMs: 1_500, maxMessages: 60 },
  storagePollMs: 500,
  ...over,
});

/** Runs against the reference case system with a proxy in front of its push endpoint, cut at `cutAfterMs`. */
async function runWithCut(mode: 'reset' | 'blackhole' | 'closed', cutAfterMs: number, pushTimeoutMs = 2_000) {
  return runLive(scenario(), {
    pushTimeoutMs,
    onPortalReady: async ({ url }) => {
      running = await serveCaseSystem({ ackPolicy: 'after-commit', portalUrl: url, portalCredentials: account });
      const push = new URL(running.pushUrl);
      const p = new TcpProxy({ targetHost: '127.0.0.1', targetPort: Number(push.port) });
      proxy = p;
      const port = await p.start();
      setTimeout(() => {
        if (mode === 'closed') void p.close();
        else p.cutOff(mode);
      }, cutAfterMs);
      return { oslo: { pushUrl: `http://127.0.0.1:${port}${push.pathname}`, storageCheck: { kind: 'http', lookupUrl: running.lookupUrl } } };
    },
  });
}

describe('live mode: the system under test goes away', () => {
  it.each([
    ['port closed', 'closed', /ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/],
    ['connections reset (process killed)', 'reset', /ECONNRESET|ECONNREFUSED|UND_ERR_SOCKET/],
    ['requests hang', 'blackhole', /no answer in time/],
  ] as const)('%s: a fault in the ledger and the result, the run ends, and it is not a pass', async (_name, mode, detail) => {
    const result = await runWithCut(mode, 600);
    const faults = ofKind(result.ledger.entries, 'fault').filter((e) => e.fault === 'sut-unreachable');
    expect(faults[0]).toMatchObject({ phase: 'start', target: 'oslo' });
    expect(result.sutFaults[0]).toMatchObject({ fault: 'sut-unreachable', receiver: 'oslo' });
    // On a loaded machine a slow answer before the cut may open an earlier spell: look at them all.
    expect(result.sutFaults.flatMap((f) => f.causes).join(' ')).toMatch(detail);
    expect(result.sutFaults[0]?.failures).toBeGreaterThan(0);
    expect(result.pass).toBe(false);
    // What was stored before the cut is still counted; nothing is left undecided.
    expect(result.judgement.verdict.counts.stored).toBeGreaterThan(0);
    expect(result.judgement.verdict.counts['in-flight']).toBe(0);
    expect(result.targets).toEqual([
      expect.objectContaining({ host: '127.0.0.1', basis: 'loopback' }),
      expect.objectContaining({ host: '127.0.0.1', basis: 'loopback' }),
    ]);
  });

  it('a healthy run is a pass and records no SUT fault (the check above can fail)', async () => {
    // Never cut, and a push timeout no loaded CI machine reaches: a slower answer than the timeout
    // would rightly count as the SUT not answering.
    const result = await runWithCut('reset', 60_000, 15_000);
    expect(result.sutFaults).toEqual([]);
    expect(result.pass).toBe(true);
  });
});

describe('live mode: no accidental load on another machine', () => {
  it('refuses a remote push URL, lookup URL or database nobody named — before sending anything', async () => {
    const remote = [
      { pushUrl: 'http://fagsystem.kommune.example/fiks' },
      { storageCheck: { kind: 'http' as const, lookupUrl: 'https://10.0.0.8/lookup/{id}' } },
      { storageCheck: { kind: 'sql' as const, connectionString: 'Server=tcp:sql01.kommune.example,1433;User Id=x;Password=Hemmelig-77', query: 'select id from t' } },
    ];
    for (const over of remote) {
      const receiver = { ...scenario().receivers[0], ...over } as LiveScenario['receivers'][number];
      const error = await runLive(scenario({ receivers: [receiver] })).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(KvitteringError);
      expect((error as KvitteringError).code).toBe('E_REMOTE_TARGET');
      expect((error as Error).message).toMatch(/not a loopback address/);
      expect((error as Error).message).not.toContain('Hemmelig-77');
    }
  });

  it('lets a named remote host through and records the permission (host only, never the connection string)', async () => {
    expect(checkLiveTargets([
      { field: 'receivers[0].pushUrl', address: 'http://sut.invalid:8081/fiks', kind: 'url' },
      { field: 'receivers[0].storageCheck.connectionString', address: 'Server=tcp:sql01.kommune.example,1433;User Id=x;Password=Hemmelig-77', kind: 'database' },
      { field: 'receivers[1].storageCheck.connectionString', address: 'postgres://svc:pw@127.0.0.1:5432/familia', kind: 'database' },
    ], ['sut.invalid', 'sql01.kommune.example'])).toEqual([
      { url: 'http://sut.invalid:8081', host: 'sut.invalid', basis: 'allowed' },
      { url: 'database://sql01.kommune.example', host: 'sql01.kommune.example', basis: 'allowed' },
      { url: 'database://127.0.0.1', host: '127.0.0.1', basis: 'loopback' },
    ]);
    // The runner passes an allowed host (stopped here before any traffic: .invalid never resolves anyway).
    const receiver = { ...scenario().receivers[0], pushUrl: 'http://sut.invalid:8081/fiks' } as LiveScenario['receivers'][number];
    const error = await runLive(scenario({ receivers: [receiver], allowRemoteHosts: ['sut.invalid'] }), {
      onPortalReady: () => { throw new KvitteringError('E_TEST_STOP', 'stopped after the target check — expected in this test'); },
    }).then(() => undefined, (e: unknown) => e);
    expect((error as KvitteringError).code).toBe('E_TEST_STOP');
  });

  it('bounds the built-in load driver in rate, count, time and waits by default', async () => {
    expect(LOAD_CEILINGS).toEqual({ ratePerSecond: 1_000, durationMs: 600_000, requests: 100_000, maxInFlight: 1_000, timeoutMs: 60_000 });
    const url = 'http://127.0.0.1:9/';
    const over = [
      { ratePerSecond: 5_000, durationMs: 1_000, maxRequests: 1 },
      { ratePerSecond: 1, durationMs: 3_600_000, maxRequests: 1 },
      { ratePerSecond: 1, durationMs: 1_000, maxRequests: 1_000_000 },
      { ratePerSecond: 1, durationMs: 1_000, maxRequests: 1, timeoutMs: 600_000 },
    ];
    for (const o of over) await expect(driveLoad({ ...o, request: () => ({ url }) })).rejects.toThrow(/E_LOAD_LIMIT: \w+ is \d+ — expected at most/);
    await expect(driveLoad({ ratePerSecond: 1, durationMs: 100, maxRequests: 1, request: () => ({ url: 'http://192.168.1.10/' }) })).rejects.toThrow(/loopback/);
  });
});
