// A merge that leaves `<<<<<<<` / `>>>>>>>` behind still typechecks when it lands in Markdown or YAML;
// one did reach the README's dependency table. Every tracked text file is checked for them.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const marker = /^(<{7}|>{7})( |$)/m;

function filesWithMarkers(files: readonly string[], read: (file: string) => string): string[] {
  return files.filter((file) => marker.test(read(file)));
}

describe('merge conflict markers', () => {
  it('are found in a planted text', () => {
    const planted: Record<string, string> = { 'a.md': 'ok\n', 'b.md': `x\n${'<'.repeat(7)} HEAD\ny\n${'='.repeat(7)}\nz\n${'>'.repeat(7)} main\n` };
    expect(filesWithMarkers(Object.keys(planted), (f) => planted[f] ?? '')).toEqual(['b.md']);
  });

  it('are in no tracked file', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f !== '' && !f.endsWith('.png'));
    expect(filesWithMarkers(tracked, (f) => readFileSync(f, 'utf8'))).toEqual([]);
  });
});
