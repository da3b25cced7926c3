// Reports are written whole or not at all: to a temporary file beside the target, flushed, then
// renamed. A write that fails leaves neither the temporary file nor a half-written target, and says
// which path could not be written instead of throwing a raw fs error.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { KvitteringError } from '../errors.js';

let counter = 0;

function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${counter++}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
      // On disk before the rename, so a crash cannot leave a renamed but empty report.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The temporary file was never made (its directory could not be).
    }
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new KvitteringError('E_OUTPUT_PATH', `${JSON.stringify(path)} cannot be written (${code}) — expected a writable file path`, 'check --out');
  }
}

export { writeFileAtomic };
