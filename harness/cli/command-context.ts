// What every command gets: the outside world, the parsed options and arguments, and the version.

import type { CliIo } from './cli-io.js';
import type { CliOptions } from './cli-options.js';

interface CommandContext {
  io: CliIo;
  options: CliOptions;
  positionals: string[];
  version: string;
}

/** A command does its work and returns the process exit code. */
type Command = (context: CommandContext) => Promise<number>;

export type { CommandContext, Command };
