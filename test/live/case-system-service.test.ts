// The case system's HTTP façade without HTTP: a push waits for the core's transport answer (or its own
// timeout; "down" at once when the process is down), a storage check asks the Storage or the
// database's own query under a timeout, and "idle" — what a graceful shutdown waits for — is false
// while any accepted work is left. Found by mutation testing (docs/testing.md).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseSystemService, TrackedStorage } from '../../simulators/case-system/http/case-system-service.js';
import type { CaseSystem } from '../../simulators/case-system/case-system.js';
import type { Delivery } from '../../simulators/portal/endpoints.js';
import { caseSystemBench, header } from '../support/case-system-bench.js';

function serviceBench(options: { answerTimeoutMs?: number; busy?: () => number; exists?: (msg: number) => Promise<boolean> } = {}) {
  let storage: TrackedStorage | undefined;
  const bench = caseSystemBench({ ackPolicy: 'after-commit' }, { port: (held) => (storage = new TrackedStorage(held)) });
  if (storage === undefined) throw new Error('the bench did not build its storage port');
  const service = new CaseSystemService({
    caseSystem: bench.caseSystem, storage, answerTimeoutMs: options.answerTimeoutMs ?? 10_000, busy: options.busy ?? (() => 0),
    ...(options.exists === undefined ? {} : { exists: options.exists }),
  });
  return { ...bench, tracked: storage, service };
}

describe('CaseSystemService.push', () => {
  it('waits for the commit and answers ack; counts the delivery as waiting until then', async () => {
    const { service, storage, runFor } = serviceBench();
    const answer = service.push(header(7), false);
    expect(service.waiting).toBe(1);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    expect(await answer).toBe('ack');
    expect(service.waiting).toBe(0);
  });

  it('answers the core\'s nack-with-requeue when the write fails', async () => {
    const { service, storage, runFor } = serviceBench();
    const answer = service.push(header(7), false);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    expect(await answer).toBe('nack-requeue');
  });

  it('answers down at once while the process is down, without counting a waiting delivery', async () => {
    const { service, caseSystem, storage } = serviceBench();
    caseSystem.crash(60_000);
    const answer = service.push(header(7), false);
    expect(service.waiting).toBe(0);
    expect(await answer).toBe('down');
    expect(storage.heldLookups).toBe(0);
  });

  it('answers timeout when no transport answer comes in time, and stops counting it as waiting', async () => {
    const { service } = serviceBench({ answerTimeoutMs: 20 });
    const answer = service.push(header(7), false);
    expect(await answer).toBe('timeout');
    expect(service.waiting).toBe(0);
  });

  it('hands the core a delivery with the redelivered bit and attempt 2 for a redelivery, attempt 1 otherwise', async () => {
    const deliveries: Delivery[] = [];
    const core = {
      isDown: () => false,
      deliver: (d: Delivery) => { deliveries.push(d); d.respond('ack'); },
    } as unknown as CaseSystem;
    const service = new CaseSystemService({ caseSystem: core, storage: new TrackedStorage(caseSystemBench().storage), answerTimeoutMs: 1_000, busy: () => 0 });
    expect(await service.push(header(7), true)).toBe('ack');
    expect(await service.push(header(8), false)).toBe('ack');
    expect(deliveries.map(({ msg, attempt, redelivered }) => ({ msg, attempt, redelivered }))).toEqual([
      { msg: header(7), attempt: 2, redelivered: true },
      { msg: header(8), attempt: 1, redelivered: false },
    ]);
  });
});

afterEach(() => { vi.useRealTimers(); });

describe('CaseSystemService.lookup', () => {
  it('a database answer cancels the lookup\'s timeout: no timer is left to hold the process up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { service } = serviceBench({ exists: () => Promise.resolve(true) });
    expect(await service.lookup(7, 5_000)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks the storage: stored or not as it answers', async () => {
    const { service, storage } = serviceBench();
    storage.stored.add(7);
    const seven = service.lookup(7, 1_000);
    const eight = service.lookup(8, 1_000);
    storage.answerLookups();
    expect([await seven, await eight]).toEqual([true, false]);
  });

  it('a storage that does not answer in time is a timeout', async () => {
    const { service } = serviceBench();
    expect(await service.lookup(7, 20)).toBe('timeout');
  });

  it('with the database\'s own query: its answer, a timeout when it is slow, and a timeout when it fails', async () => {
    const asked: number[] = [];
    const answers: Record<number, () => Promise<boolean>> = {
      1: () => Promise.resolve(true),
      2: () => Promise.resolve(false),
      3: () => new Promise<boolean>(() => undefined),
      4: () => Promise.reject(new Error('connection refused')),
    };
    const { service, storage } = serviceBench({ exists: (msg) => { asked.push(msg); return (answers[msg] as () => Promise<boolean>)(); } });
    expect(await service.lookup(1, 1_000)).toBe(true);
    expect(await service.lookup(2, 1_000)).toBe(false);
    expect(await service.lookup(3, 20)).toBe('timeout');
    expect(await service.lookup(4, 1_000)).toBe('timeout');
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(storage.heldLookups).toBe(0); // the Storage port is not asked
  });
});

describe('CaseSystemService.idle and TrackedStorage', () => {
  it('is idle only with no delivery waiting, nothing in storage, nothing busy and no timer armed', async () => {
    let busy = 0;
    const { service, storage, tracked, runFor } = serviceBench({ busy: () => busy });
    expect(service.idle(0)).toBe(true);
    expect(service.idle(1)).toBe(false);
    busy = 1;
    expect(service.idle(0)).toBe(false);
    busy = 0;
    const answer = service.push(header(7), false);
    expect(tracked.inFlight).toBe(1); // the lookup
    expect(service.idle(0)).toBe(false);
    storage.answerLookups();
    expect(tracked.inFlight).toBe(0);
    runFor(200);
    expect(tracked.inFlight).toBe(1); // the write
    storage.answerWrites(true);
    expect(tracked.inFlight).toBe(0);
    await answer;
    expect(service.idle(0)).toBe(true);
  });

  it('a delivery waiting for its answer alone keeps it from idle', () => {
    const { service, tracked } = serviceBench();
    void service.push(header(7), false);
    tracked.inFlight = 0; // as if the lookup were done
    expect(service.waiting).toBe(1);
    expect(service.idle(0)).toBe(false);
  });

  it('storage work alone (a lookup in flight) keeps it from idle', () => {
    const { service, tracked, storage } = serviceBench();
    tracked.lookup(7, () => undefined, undefined);
    expect(service.waiting).toBe(0);
    expect(service.idle(0)).toBe(false);
    storage.answerLookups();
    expect(service.idle(0)).toBe(true);
  });

  it('passes a crash\'s abort on to the storage it wraps and returns its count', () => {
    const { tracked, storage } = serviceBench();
    tracked.write(7, () => undefined, undefined);
    tracked.write(8, () => undefined, undefined);
    expect(storage.heldWrites).toBe(2);
    expect(tracked.abortInFlight()).toBe(2);
  });
});
