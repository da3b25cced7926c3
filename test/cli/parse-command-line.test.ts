// The command line becomes typed options, or an error that names the option and what was expected.

import { describe, expect, it } from 'vitest';
import { KvitteringError } from '../../harness/errors.js';
import { parseCommandLine } from '../../harness/cli/parse-command-line.js';
import { formatTable } from '../../harness/cli/format-table.js';

const fails = (argv: string[]): KvitteringError => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof KvitteringError) return error;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
};

describe('parseCommandLine', () => {
  it('types the options and fills defaults', () => {
    expect(parseCommandLine(['run', 'scenarios', '--seed=-12', '--format', 'json, html', '--lang', 'nb'])).toEqual({
      command: 'run', positionals: ['scenarios'],
      options: { seed: -12, formats: ['json', 'html'], lang: 'nb', verbose: false, help: false, version: false },
    });
    expect(parseCommandLine(['sweep', 'x.yaml', '--retention', '14d,30d', '--reconciliation', 'off,1d', '--ack-policy', 'before-commit']).options)
      .toMatchObject({ retention: ['14d', '30d'], reconciliation: ['off', '1d'], ackPolicy: ['before-commit'], formats: ['json', 'junit', 'markdown', 'html'] });
  });

  it('rejects bad values with the option, the value and what was expected', () => {
    expect(fails(['run', 'x', '--seed', '1.5']).message).toBe('[kvittering] E_CLI_OPTION: --seed is "1.5" — expected an integer');
    const format = fails(['run', 'x', '--format', 'json,htm']);
    expect(format.detail).toBe('--format is "htm" — expected a comma list of json, junit, markdown, html');
    expect(format.hint).toBe('did you mean "html"?');
    expect(fails(['run', 'x', '--lang', 'no']).detail).toBe('--lang is "no" — expected en or nb');
    expect(fails(['run', 'x', '--seed']).detail).toBe('--seed is missing its value — expected --seed N');
    expect(fails(['run', 'x', '--verbose=yes']).detail).toBe('--verbose takes no value — expected --verbose alone');
  });

  it('refuses options that do not apply to the command', () => {
    expect(fails(['run', 'x', '--retention', '14d']).detail).toBe('--retention does not apply to "run" — expected only --seed, --out, --format, --lang');
  });

  it('suggests the command or option meant', () => {
    expect(fails(['swep']).hint).toBe('did you mean "sweep"?');
    expect(fails(['run', '--formt', 'json']).hint).toBe('did you mean "--format"?');
  });
});

describe('formatTable', () => {
  it('pads text left and numbers right', () => {
    expect(formatTable(['name', 'n'], [['a', 5], ['bbb', 120]])).toBe('name    n\n----  ---\na       5\nbbb   120\n');
  });
});
