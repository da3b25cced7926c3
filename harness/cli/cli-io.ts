// Everything the CLI may touch outside itself — streams, environment, working directory, signals and
// the wall clock — behind one small object, so commands stay thin and tests can pass their own.

interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars go there). */
  stderrIsTTY: boolean;
  /** Calls the handler on Ctrl-C; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
  /** Wall-clock milliseconds, for elapsed times in the console only — never in a report. */
  wallMs(): number;
}

function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    wallMs: () => performance.now(),
  };
}

/** Progress bars only on a terminal, and never in CI. */
function isInteractive(io: CliIo): boolean {
  const ci = io.env.CI;
  return io.stderrIsTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

export { processIo, isInteractive };
export type { CliIo };
