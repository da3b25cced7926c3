// A one-line progress bar on stderr for long runs on a terminal; a noop elsewhere (CI, pipes).

import type { CliIo } from './cli-io.js';

interface ProgressBar {
  update(label: string, fraction: number): void;
  done(): void;
}

const WIDTH = 28;

function progressBar(io: CliIo, enabled: boolean): ProgressBar {
  if (!enabled) return { update: () => undefined, done: () => undefined };
  let shown = '';
  return {
    update(label, fraction) {
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * WIDTH);
      const line = `\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(f * 100)).padStart(3)}% ${label}`;
      if (line !== shown) io.stderr(`${line}\x1b[K`);
      shown = line;
    },
    done() {
      if (shown !== '') io.stderr('\r\x1b[K');
      shown = '';
    },
  };
}

export { progressBar };
export type { ProgressBar };
