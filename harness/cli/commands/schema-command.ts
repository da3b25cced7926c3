// `kvittering schema [system-profile] [--out FILE]`: the JSON Schema editors use for scenario files, or
// for system profiles (npm run schema regenerates both files under scenarios/ with it).

import { resolve } from 'node:path';
import { scenarioJsonSchema } from '../../scenario/scenario-json-schema.js';
import { systemProfileJsonSchema } from '../../system-test/system-profile-schema.js';
import { exitCodes } from '../cli-options.js';
import type { Command } from '../command-context.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const schemaCommand: Command = ({ io, options, positionals }) => {
  const system = positionals[0] === 'system-profile';
  const text = system ? systemProfileJsonSchema() : scenarioJsonSchema();
  const target = positionals[system ? 1 : 0] ?? options.out;
  if (target === undefined) io.stdout(text);
  else {
    writeFileAtomic(resolve(io.cwd, target), text);
    io.stdout(`wrote ${target}\n`);
  }
  return Promise.resolve(exitCodes.ok);
};

export { schemaCommand };
