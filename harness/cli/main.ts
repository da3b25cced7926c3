// The process entry of the CLI (bin/kvittering.js and `npm start`): the real outside world, the
// version from package.json, and the exit code.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from './cli.js';
import { processIo } from './cli-io.js';
import { exitCodes } from './cli-options.js';

/** The nearest package.json above this file: the same from the repository and from dist/. */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version;
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

// A reader that goes away (`kvittering list | head`) ends the command quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : exitCodes.ok);
  });
}

process.exitCode = await cli(process.argv.slice(2), processIo(), packageVersion());
