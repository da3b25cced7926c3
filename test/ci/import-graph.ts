// The import graph of the shipped code, read from the sources (TypeScript's own pre-parser, so comments
// and strings are not mistaken for imports), and the rules that keep the data flowing one way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** The folders whose code ships (package.json `files`); tests and tooling may import anything. */
export const SHIPPED_ROOTS = ['harness', 'simulators', 'storage', 'reports'] as const;

export interface ImportGraph {
  /** repo-relative posix path → the repo-relative files it imports (relative specifiers only). */
  readonly edges: ReadonlyMap<string, readonly string[]>;
}

function sourceFiles(root: string, dir: string): string[] {
  const full = join(root, dir);
  let names: string[];
  try { names = readdirSync(full); } catch { return []; }
  return names.flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return sourceFiles(root, join(dir, name));
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [relative(root, path).split(sep).join(posix.sep)] : [];
  });
}

/** Reads every .ts file under `roots` of `repoRoot` and the relative imports between them. */
export function readImportGraph(repoRoot: string, roots: readonly string[] = SHIPPED_ROOTS): ImportGraph {
  const files = roots.flatMap((root) => sourceFiles(repoRoot, root));
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(repoRoot, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts'))
      .filter((target) => known.has(target));
    edges.set(file, [...new Set(targets)].sort());
  }
  return { edges };
}

/** Every import cycle, each as the files of one strongly connected component (Tarjan), sorted. */
export function findCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next); low.set(file, next); next += 1;
    stack.push(file); onStack.add(file);
    for (const target of graph.edges.get(file) ?? []) {
      if (!index.has(target)) { visit(target); low.set(file, Math.min(low.get(file)!, low.get(target)!)); }
      else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do { member = stack.pop()!; onStack.delete(member); component.push(member); } while (member !== file);
    const selfLoop = (graph.edges.get(file) ?? []).includes(file);
    if (component.length > 1 || selfLoop) cycles.push(component.sort());
  };
  for (const file of [...graph.edges.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * The rooms of the one-way flow (docs/architecture.md). A file belongs to the first room whose prefix it
 * starts with; harness/index.ts is the package's front door and may import every room.
 */
export const ROOMS: readonly (readonly [room: string, prefix: string])[] = [
  ['cli', 'harness/cli/'],
  ['live', 'harness/live/'],
  ['live', 'harness/system-test/'],
  ['index', 'harness/index.ts'],
  ['safety', 'harness/safety/'],
  ['explore', 'harness/explore/'],
  ['explore', 'harness/arbitraries/'],
  ['scenario', 'harness/scenario/'],
  ['runner', 'harness/runner/'],
  ['runner', 'harness/workload/'],
  ['faults', 'harness/faults/'],
  ['oracle', 'harness/oracle/'],
  ['ledger', 'harness/ledger/'],
  ['runtime', 'harness/runtime/'],
  ['errors', 'harness/errors.ts'],
  ['errors', 'harness/redact.ts'],
  ['storage', 'storage/'],
  ['reports', 'reports/'],
  ['simulators', 'simulators/'],
];

export function roomOf(file: string): string {
  return ROOMS.find(([, prefix]) => file.startsWith(prefix))?.[0] ?? 'outside';
}

/** Rooms that must never import the named rooms, whatever else changes: the back edges the issue names. */
export const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  simulators: ['live', 'cli', 'index', 'storage', 'runner', 'scenario', 'explore', 'oracle', 'reports', 'safety'],
  storage: ['live', 'cli', 'index', 'runner', 'scenario', 'explore', 'oracle', 'reports'],
  reports: ['live', 'cli', 'index', 'storage'],
  oracle: ['live', 'cli', 'index', 'storage', 'simulators', 'runner', 'reports'],
  ledger: ['live', 'cli', 'index', 'storage', 'simulators', 'runner', 'oracle', 'reports'],
  runtime: ['live', 'cli', 'index', 'storage', 'simulators', 'runner', 'oracle', 'ledger', 'reports'],
};

export interface BackEdge { readonly from: string; readonly to: string; readonly fromRoom: string; readonly toRoom: string }

export function findBackEdges(graph: ImportGraph): BackEdge[] {
  const found: BackEdge[] = [];
  for (const [from, targets] of graph.edges) {
    const fromRoom = roomOf(from);
    for (const to of targets) {
      const toRoom = roomOf(to);
      if (FORBIDDEN[fromRoom]?.includes(toRoom)) found.push({ from, to, fromRoom, toRoom });
    }
  }
  return found.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** The room-level edges the file graph implies (room → rooms it imports), self-edges left out. */
export function roomEdges(graph: ImportGraph): Set<string> {
  const edges = new Set<string>();
  for (const [from, targets] of graph.edges) {
    for (const to of targets) {
      const [a, b] = [roomOf(from), roomOf(to)];
      if (a !== b) edges.add(`${a} --> ${b}`);
    }
  }
  return edges;
}

/** The graph one level up: each file stands for its folder (harness/<folder>, or a top-level file), so a
 * cycle between two folders shows even when no single file closes it. */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const folderOf = (file: string): string => {
    const parts = file.split('/');
    return parts[0] === 'harness' && parts.length > 2 ? `harness/${parts[1]}` : parts.length > 1 && parts[0] !== 'harness' ? parts[0]! : file;
  };
  const edges = new Map<string, Set<string>>();
  for (const [from, targets] of graph.edges) {
    const set = edges.get(folderOf(from)) ?? new Set<string>();
    for (const to of targets) if (folderOf(to) !== folderOf(from)) set.add(folderOf(to));
    edges.set(folderOf(from), set);
  }
  return { edges: new Map([...edges].map(([folder, set]) => [folder, [...set].sort()])) };
}

/** The room graph as an ImportGraph, so findCycles can look for a cycle between rooms too. */
export function roomGraph(graph: ImportGraph): ImportGraph {
  const edges = new Map<string, string[]>();
  for (const edge of roomEdges(graph)) {
    const [from, to] = edge.split(' --> ') as [string, string];
    edges.set(from, [...(edges.get(from) ?? []), to]);
    if (!edges.has(to)) edges.set(to, []);
  }
  return { edges };
}

export const repoRootOf = (moduleUrl: string): string => join(dirname(new URL(moduleUrl).pathname), '..', '..');
