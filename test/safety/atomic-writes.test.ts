// Nothing half-written: every file the harness writes goes through writeFileAtomic (temp + fsync +
// rename), and a write that fails leaves no temporary file and no partial target behind.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../harness/cli/write-file-atomic.js';
import { KvitteringError } from '../../harness/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'kvittering-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('atomic writes', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const target = join(dir, 'a', 'report.json');
    writeFileAtomic(target, 'old');
    writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'a'))).toEqual(['report.json']);
  });

  it('a failed write is a clean E_OUTPUT_PATH and leaves nothing behind', () => {
    // The rename fails: the target is a directory. The temporary file was written and must go.
    mkdirSync(join(dir, 'b', 'report.json'), { recursive: true });
    expect(() => writeFileAtomic(join(dir, 'b', 'report.json'), 'x')).toThrow(KvitteringError);
    expect(readdirSync(join(dir, 'b'))).toEqual(['report.json']);
    // The directory cannot be made: a file stands where it should be.
    writeFileSync(join(dir, 'c'), 'a file');
    expect(() => writeFileAtomic(join(dir, 'c', 'report.json'), 'x')).toThrow(/^\[kvittering\] E_OUTPUT_PATH: .*c\/report\.json" cannot be written \((EEXIST|ENOTDIR)\) — expected a writable file path/);
    expect(readFileSync(join(dir, 'c'), 'utf8')).toBe('a file');
  });

  it('no code writes a file any other way', () => {
    const sources = ['harness', 'reports'].flatMap((top) => readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts')).map((f) => join(top, f)));
    const direct = sources
      .filter((f) => f !== join('harness', 'cli', 'write-file-atomic.ts'))
      .filter((f) => /\b(writeFileSync|writeFile|appendFileSync|createWriteStream)\s*\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(direct).toEqual([]);
  });
});
