// The CLI in one function: parse the command line, dispatch to a thin command, and turn every error
// into an exit code in one place. KvitteringErrors print as their message (no stack): they are the
// user's to fix. Anything else is our bug and prints its stack.

import { KvitteringError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { exitCodes, helpText, type CommandName } from './cli-options.js';
import type { Command } from './command-context.js';
import { parseCommandLine } from './parse-command-line.js';
import { listCommand } from './commands/list-command.js';
import { replayCommand } from './commands/replay-command.js';
import { runCommand } from './commands/run-command.js';
import { testCommand } from './commands/test-command.js';
import { calibrateCommand } from './commands/calibrate-command.js';
import { schemaCommand } from './commands/schema-command.js';
import { sweepCommand } from './commands/sweep-command.js';
import { validateCommand } from './commands/validate-command.js';
import { serveFromCli } from './serve.js';
import { exploreFromCli } from './commands/explore-command.js';

const commands: Record<CommandName, Command> = {
  run: runCommand,
  test: testCommand,
  calibrate: calibrateCommand,
  list: listCommand,
  validate: validateCommand,
  replay: replayCommand,
  sweep: sweepCommand,
  schema: schemaCommand,
};

async function cli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  try {
    // Live mode's services have their own option tables (harness/cli/serve.ts), read by the same parser: hand them the rest.
    if (argv[0] === 'serve') return await serveFromCli(argv.slice(1), io);
    // So does explore: its options (--worlds, --shard, --merge …) are its own.
    if (argv[0] === 'explore') return await exploreFromCli(argv.slice(1), io, version);
    const { command, options, positionals } = parseCommandLine(argv);
    if (options.version) {
      io.stdout(`kvittering ${version}\n`);
      return exitCodes.ok;
    }
    if (command === undefined || options.help) {
      io.stdout(helpText(version));
      return command === undefined && !options.help ? exitCodes.badInput : exitCodes.ok;
    }
    return await commands[command]({ io, options, positionals, version });
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
