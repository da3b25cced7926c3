// `kvittering validate [dir|file]…`: check every file against the schema and the semantic rules;
// print each problem in full, exit 2 if any file is invalid.

import { KvitteringError } from '../../errors.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { defaultScenarioPaths, displayPath, readScenario, scenarioFiles } from '../scenario-files.js';

const validateCommand: Command = ({ io, positionals }) => {
  const files = scenarioFiles(io.cwd, positionals.length === 0 ? defaultScenarioPaths(io.cwd) : positionals);
  let invalid = 0;
  for (const file of files) {
    try {
      const { scenario } = readScenario(io.cwd, file);
      io.stdout(`ok       ${displayPath(io.cwd, file)} (${scenario.id}, expects ${scenario.expected})\n`);
    } catch (error) {
      if (!(error instanceof KvitteringError)) throw error;
      invalid++;
      io.stdout(`invalid  ${displayPath(io.cwd, file)}\n${error.message.replace(/^/gm, '         ')}\n`);
    }
  }
  io.stdout(`${files.length - invalid} valid, ${invalid} invalid\n`);
  return Promise.resolve(invalid > 0 ? exitCodes.badInput : exitCodes.ok);
};

export { validateCommand };
