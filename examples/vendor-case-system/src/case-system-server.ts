// The vendor's case system as a running service: the intake polls SvarInn on a timer, and a small
// HTTP endpoint answers whether a report is stored (GET /lagret/{id}: 200 or 404) — the read-only
// lookup kvittering's live mode uses to learn what was really stored.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaseIntake, type CaseIntakeOptions } from './case-intake.js';
import { MemoryCaseStore } from './case-store.js';
import { SvarInnClient, type SvarInnAccount } from './svarinn-client.js';

interface CaseSystemOptions extends CaseIntakeOptions {
  portal: SvarInnAccount;
  pollIntervalMs: number;
  /** The first this-many writes fail: the database is overloaded when the service starts. */
  failFirstWrites?: number;
}

interface RunningCaseSystem {
  store: MemoryCaseStore;
  intake: CaseIntake;
  /** e.g. http://127.0.0.1:40123/lagret/{id} */
  lookupUrl: string;
  stop(): Promise<void>;
}

async function startCaseSystem(options: CaseSystemOptions): Promise<RunningCaseSystem> {
  // A real system stores wall-clock time; the lookup below is what kvittering reads.
  const store = new MemoryCaseStore(() => Date.now());
  store.failNextWrites = options.failFirstWrites ?? 0;
  const intake = new CaseIntake(new SvarInnClient(options.portal), store, options);
  const server: Server = createServer((req, res) => {
    const match = /^\/lagret\/([0-9a-f-]{36})$/.exec(req.url ?? '');
    if (req.method !== 'GET' || match === null) {
      res.writeHead(404).end();
      return;
    }
    void store.has(match[1] as string).then((stored) => res.writeHead(stored ? 200 : 404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let running = true;
  const loop = (async () => {
    while (running) {
      await intake.pollOnce();
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
    }
  })();
  return {
    store, intake,
    lookupUrl: `http://127.0.0.1:${port}/lagret/{id}`,
    async stop() {
      running = false;
      await loop;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { startCaseSystem };
export type { CaseSystemOptions, RunningCaseSystem };
