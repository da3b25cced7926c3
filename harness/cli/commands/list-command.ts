// `kvittering list [dir|file]…`: the scenarios, their expected verdicts and titles.

import { KvitteringError } from '../../errors.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { formatTable } from '../format-table.js';
import { defaultScenarioPaths, displayPath, readScenario, scenarioFiles } from '../scenario-files.js';
import { localized } from '../../scenario/localized.js';

const listCommand: Command = ({ io, positionals }) => {
  const rows: string[][] = [];
  let invalid = 0;
  for (const file of scenarioFiles(io.cwd, positionals.length === 0 ? defaultScenarioPaths(io.cwd) : positionals)) {
    try {
      const { scenario } = readScenario(io.cwd, file);
      rows.push([scenario.id, scenario.expected, localized(scenario.title, 'en'), displayPath(io.cwd, file)]);
    } catch (error) {
      if (!(error instanceof KvitteringError)) throw error;
      invalid++;
      rows.push(['(invalid)', '', error.code, displayPath(io.cwd, file)]);
    }
  }
  io.stdout(formatTable(['id', 'expected', 'title', 'file'], rows));
  if (invalid > 0) io.stdout(`${invalid} file(s) are invalid: run \`kvittering validate\` for details.\n`);
  return Promise.resolve(invalid > 0 ? exitCodes.badInput : exitCodes.ok);
};

export { listCommand };
