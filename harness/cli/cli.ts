// The CLI in one function: parse the command line, dispatch to a thin command, and turn every error
// into an exit code in one place. KvitteringErrors print as their message (no stack): they are the
// user's to fix. Anything else is our bug and prints its stack.

import { KvitteringError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, helpText, type CommandName } from './cli-options.js';
import type { Command } from './command-context.js';
import { parseCommandLine } from './parse-command-line.js';

// Each command is imported when it runs: `kvittering run` or `--version` does not load the live
// runner, the database drivers and the broker client only `test` and `serve` need (seconds per start).
const commands: Record<CommandName, () => Promise<Command>> = {
  run: async () => (await import('./commands/run-command.js')).runCommand,
  test: async () => (await import('./commands/test-command.js')).testCommand,
  calibrate: async () => (await import('./commands/calibrate-command.js')).calibrateCommand,
  list: async () => (await import('./commands/list-command.js')).listCommand,
  validate: async () => (await import('./commands/validate-command.js')).validateCommand,
  replay: async () => (await import('./commands/replay-command.js')).replayCommand,
  sweep: async () => (await import('./commands/sweep-command.js')).sweepCommand,
  schema: async () => (await import('./commands/schema-command.js')).schemaCommand,
};

async function cli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  try {
    // Live mode's services have their own option tables (harness/cli/serve.ts), read by the same parser: hand them the rest.
    if (argv[0] === 'serve') return await (await import('./serve.js')).serveFromCli(argv.slice(1), io);
    // So does explore: its options (--worlds, --shard, --merge …) are its own.
    if (argv[0] === 'explore') return await (await import('./commands/explore-command.js')).exploreFromCli(argv.slice(1), io, version);
    const { command, options, positionals } = parseCommandLine(argv);
    if (options.version) {
      io.stdout(`kvittering ${version}\n`);
      return exitCodes.ok;
    }
    if (command === undefined || options.help) {
      io.stdout(helpText(version));
      return command === undefined && !options.help ? exitCodes.badInput : exitCodes.ok;
    }
    return await (await commands[command]())({ io, options, positionals, version });
  } catch (error) {
    if (error instanceof KvitteringError) {
      io.stderr(`${error.message}\n`);
      return exitCodes.badInput;
    }
    io.stderr(`[kvittering] internal error — please report it:\n${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return exitCodes.internal;
  }
}

export { cli };
