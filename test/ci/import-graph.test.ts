// The one-way flow, checked on the real import graph: no cycle between files, folders or rooms, no back
// edge (simulators → live, reports → live, simulators → storage, …), and docs/architecture.md draws
// exactly the room edges the code has. The planted trees prove the checker can fail.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FORBIDDEN, findBackEdges, findCycles, folderGraph, readImportGraph, repoRootOf, roomEdges, roomGraph, roomOf } from './import-graph.js';

const repoRoot = repoRootOf(import.meta.url);
const graph = readImportGraph(repoRoot);
/** Every room imports errors and the front door imports every room; the picture leaves both out. */
const UNDRAWN = new Set(['errors', 'index']);

function drawnEdges(): Set<string> {
  const doc = readFileSync(join(repoRoot, 'docs/architecture.md'), 'utf8');
  const mermaid = /```mermaid\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  return new Set([...mermaid.matchAll(/^\s*([\w-]+)\s*-->\s*([\w-]+)\s*$/gm)].map((m) => `${m[1]} --> ${m[2]}`));
}

describe('the import graph of the shipped code', () => {
  it('reads the real tree', () => {
    expect(graph.edges.size).toBeGreaterThan(100);
    expect([...graph.edges.keys()].filter((file) => roomOf(file) === 'outside')).toEqual([]);
  });

  it('has no cycle between files, folders or rooms', () => {
    expect(findCycles(graph)).toEqual([]);
    expect(findCycles(folderGraph(graph))).toEqual([]);
    expect(findCycles(roomGraph(graph))).toEqual([]);
  });

  it('has no back edge', () => {
    expect(findBackEdges(graph)).toEqual([]);
  });

  it('is drawn exactly in docs/architecture.md, and the picture has no back edge', () => {
    const real = [...roomEdges(graph)].filter((edge) => !edge.split(' --> ').some((room) => UNDRAWN.has(room))).sort();
    const drawn = [...drawnEdges()].sort();
    expect(drawn).toEqual(real);
    for (const edge of drawn) {
      const [from, to] = edge.split(' --> ') as [string, string];
      expect(FORBIDDEN[from] ?? [], edge).not.toContain(to);
    }
  });
});

describe('the checker on planted trees', () => {
  let root: string | undefined;
  afterEach(() => { if (root) rmSync(root, { recursive: true, force: true }); root = undefined; });

  function plant(files: Record<string, string>): string {
    root = mkdtempSync(join(tmpdir(), 'kvittering-import-graph-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds a simulators → live back edge and a simulators → storage one', () => {
    const planted = readImportGraph(plant({
      'simulators/portal/portal.ts': "import { x } from '../../harness/live/run-live.js';\nimport type { S } from '../../storage/sql-storage.js';\n",
      'harness/live/run-live.ts': 'export const x = 1;\n',
      'storage/sql-storage.ts': 'export type S = 1;\n',
    }));
    expect(findBackEdges(planted).map((edge) => `${edge.fromRoom} --> ${edge.toRoom}`)).toEqual(['simulators --> live', 'simulators --> storage']);
  });

  it('finds a file cycle, and a folder cycle no single file closes', () => {
    const planted = readImportGraph(plant({
      'harness/runtime/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'harness/runtime/b.ts': "import type { a } from './a.js';\nexport const b = 1;\n",
      'harness/safety/guard.ts': "import { e } from '../errors.js';\nexport const g = e;\n",
      'harness/errors.ts': "import { r } from './safety/redact.js';\nexport const e = r;\n",
      'harness/safety/redact.ts': 'export const r = 1;\n',
    }));
    expect(findCycles(planted)).toEqual([['harness/runtime/a.ts', 'harness/runtime/b.ts']]);
    expect(findCycles(folderGraph(planted))).toEqual([['harness/errors.ts', 'harness/safety']]);
  });

  it('reads neither comments nor strings as imports', () => {
    const planted = readImportGraph(plant({
      'simulators/a.ts': "// import { x } from '../harness/live/b.js';\nexport const s = \"from '../harness/live/b.js'\";\n",
      'harness/live/b.ts': 'export const x = 1;\n',
    }));
    expect(findBackEdges(planted)).toEqual([]);
  });
});
