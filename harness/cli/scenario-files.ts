// Finds and reads scenario files: a path is a .yaml file or a directory searched recursively. Paths in
// messages are relative to the working directory with forward slashes; reports store them relative to
// the scenario's package root instead (harness/scenario/report-path.ts).

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KvitteringError, didYouMean } from '../errors.js';
import { parseScenario, type LoadedScenario } from '../scenario/parse-scenario.js';

const isScenarioFile = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (isScenarioFile(entry.name)) out.push(path);
  }
  return out;
}

/** A path as typed, quoted when blanks or control characters would hide it in a message. */
function showPath(path: string): string {
  return /^[^\s"'\\\p{Cc}]+$/u.test(path) ? path : JSON.stringify(path);
}

/** Scenario files named by the arguments, in a stable order, without duplicates. */
function scenarioFiles(cwd: string, paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) {
      const parent = dirname(absolute);
      const siblings = existsSync(parent) ? readdirSync(parent).filter(isScenarioFile) : [];
      throw new KvitteringError('E_CLI_PATH', `${showPath(path)} does not exist — expected a scenario file or a directory of them`, didYouMean(basename(path), siblings));
    }
    if (statSync(absolute).isDirectory()) {
      const found = filesUnder(absolute);
      if (found.length === 0) throw new KvitteringError('E_CLI_PATH', `${showPath(path)} holds no .yaml files — expected a directory of scenarios`);
      files.push(...found);
    } else {
      files.push(absolute);
    }
  }
  return [...new Set(files)];
}

function displayPath(cwd: string, absolute: string): string {
  return relative(cwd, absolute).split(sep).join('/');
}

/** A file's text, or E_CLI_PATH when it is a directory, unreadable or gone — never a raw fs error. */
function readTextFile(cwd: string, absolute: string, expected: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new KvitteringError('E_CLI_PATH', `${showPath(displayPath(cwd, absolute) || '.')} cannot be read (${code}) — expected ${expected}`);
  }
}

function readScenario(cwd: string, absolute: string): LoadedScenario {
  return parseScenario(readTextFile(cwd, absolute, 'a readable scenario file'), displayPath(cwd, absolute));
}

/**
 * What `list` and `validate` read when given no path: ./scenarios, or — in a project that installed
 * kvittering and has none of its own — the scenario library shipped in the package.
 */
function defaultScenarioPaths(cwd: string): string[] {
  if (existsSync(join(cwd, 'scenarios'))) return ['scenarios'];
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return ['scenarios'];
    dir = parent;
  }
  return [join(dir, 'scenarios')];
}

export { scenarioFiles, readScenario, readTextFile, displayPath, showPath, defaultScenarioPaths };
