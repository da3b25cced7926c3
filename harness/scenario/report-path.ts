// The path a report stores for its scenario (or system profile): relative to the file's package root —
// the nearest directory above it with a package.json — so the same run gives the same bytes whichever
// directory it was started from. A file outside any package falls back to the working directory.

import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory at or above `dir` holding a package.json, or undefined. */
function packageRootOf(dir: string): string | undefined {
  let here = resolve(dir);
  for (;;) {
    if (existsSync(join(here, 'package.json'))) return here;
    const parent = dirname(here);
    if (parent === here) return undefined;
    here = parent;
  }
}

const forwardSlashes = (path: string) => path.split(sep).join('/');

/** How a report names the file at `absolute`: relative to its package root, else to `cwd`; forward slashes. */
function reportPath(cwd: string, absolute: string): string {
  const root = packageRootOf(dirname(absolute));
  return forwardSlashes(relative(root ?? cwd, absolute)) || forwardSlashes(absolute);
}

/** kvittering's own package root (its shipped scenarios live there). */
function kvitteringRoot(): string | undefined {
  return packageRootOf(dirname(fileURLToPath(import.meta.url)));
}

/**
 * Where a path a report stored can be found from `cwd`: under the working directory, under its package
 * root, then under kvittering's own package — the first that exists. The candidates are returned with
 * it so a miss can say where it looked.
 */
function findReportedFile(cwd: string, stored: string): { found: string | undefined; looked: string[] } {
  const roots = [cwd, packageRootOf(cwd), kvitteringRoot()].filter((r): r is string => r !== undefined);
  const looked = [...new Set(roots.map((root) => resolve(root, stored)))];
  return { found: looked.find((candidate) => existsSync(candidate)), looked };
}

export { reportPath, findReportedFile, packageRootOf };
