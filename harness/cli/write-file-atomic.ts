// Reports are written whole or not at all: to a temporary file beside the target, then renamed.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

let counter = 0;

function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${counter++}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export { writeFileAtomic };
