// `kvittering schema [--out FILE]`: the JSON Schema editors use for scenario files (npm run schema
// regenerates scenarios/kvittering-scenario.schema.json with it).

import { resolve } from 'node:path';
import { scenarioJsonSchema } from '../../scenario/scenario-json-schema.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const schemaCommand: Command = ({ io, options, positionals }) => {
  const text = scenarioJsonSchema();
  const target = positionals[0] ?? options.out;
  if (target === undefined) io.stdout(text);
  else {
    writeFileAtomic(resolve(io.cwd, target), text);
    io.stdout(`wrote ${target}\n`);
  }
  return Promise.resolve(exitCodes.ok);
};

export { schemaCommand };
