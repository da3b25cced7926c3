// One exit-code table (harness/cli/cli-options.ts) for every command: the source under harness/cli
// names its codes from the table, and the database entry points exit 2 on bad input like the CLI does.

import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../harness/cli/cli-options.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cliSources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? cliSources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('exit codes', () => {
  it('are named from the one table everywhere under harness/cli, never written as numbers', () => {
    const literal = /process\.exitCode\s*=\s*\d|process\.exit\(\s*\d|\breturn\s+\d+\s*;|\?\s*\d+\s*:\s*\d+\s*;/;
    const found = cliSources('harness/cli').filter((f) => f !== 'harness/cli/cli-options.ts')
      .flatMap((file) => readFileSync(join(root, file), 'utf8').split('\n').map((line, i) => ({ file, line: i + 1, text: line.trim() })))
      .filter((l) => !l.text.startsWith('//') && !l.text.startsWith('*') && literal.test(l.text))
      .map((l) => `${l.file}:${l.line}: ${l.text}`);
    expect(found).toEqual([]);
  });

  it('check-database-main exits with the bad-input code, naming what is missing, when KVITTERING_DB_URL is unset', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, KVITTERING_DB_URL: '' };
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'harness/cli/check-database-main.ts'], { cwd: root, env });
    const failure = await run.then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(exitCodes.badInput);
    expect(failure?.stderr).toContain('[kvittering] E_DATABASE_URL: KVITTERING_DB_URL is not set — expected a connection string');
  }, 60_000);
});
