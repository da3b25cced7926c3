// The background read of the system's storage: every `intervalMs` (wall), the messages no read has
// seen stored yet are read again, so a commit is dated close to when it happened even when no
// receipt asks. A failed read is counted by the reader and tried again at the next tick.

import type { StorageReader } from './storage-reader.js';

interface StoragePoller {
  /** Stops polling and waits for a read in progress to finish. */
  stop(): Promise<void>;
}

function startStoragePoller(reader: StorageReader, intervalMs: number, log: (line: string) => void): StoragePoller {
  let polling = true;
  const loop = (async () => {
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const ids = reader.unresolvedIds;
      if (!polling || ids.length === 0) continue;
      await reader.read(ids).catch((error: unknown) => log(`storage read failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  })();
  return {
    stop: async () => {
      polling = false;
      await loop;
    },
  };
}

export { startStoragePoller };
export type { StoragePoller };
