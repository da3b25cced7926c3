// The README's Layout and Architecture sections name files and folders; each must exist, so the
// picture a reader gets is the code's (docs/architecture.md's graph is checked by import-graph.test.ts).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRootOf } from './import-graph.js';

const root = repoRootOf(import.meta.url);

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe("the README's architecture", () => {
  it('names only files and folders that exist', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const text = section(readme, 'Layout') + section(readme, 'Architecture');
    const paths = new Set<string>();
    for (const m of text.matchAll(/(?<![\w./])((?:harness|simulators|storage|reports|test|docs)\/[\w./-]*[\w/])/g)) paths.add((m[1] as string).replace(/\/$/, ''));
    // simulators/{portal,case-system,…}/ spells several folders at once.
    for (const m of text.matchAll(/\bsimulators\/\{([^}]+)\}/g)) for (const name of (m[1] as string).split(',')) paths.add(`simulators/${name.trim()}`);
    for (const m of text.matchAll(/\b(\w[\w-]*-main\.ts)\b/g)) paths.add(`harness/cli/${m[1] as string}`);
    expect(paths.size).toBeGreaterThan(15);
    expect([...paths].filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });
});
