// argv ⇒ { command, options, positionals }, with Node's util.parseArgs over the option table. Every
// mistake becomes a KvitteringError naming the option, the value and what was expected.

import { parseArgs } from 'node:util';
import { KvitteringError, didYouMean } from '../errors.js';
import { reportFormats, type ReportFormat } from '../../reports/renderers.js';
import { commandSpecs, optionSpecs, type CliOptions, type CommandName, type OptionName } from './cli-options.js';

interface CommandLine {
  command: CommandName | undefined;
  options: CliOptions;
  positionals: string[];
}

const optionNames = Object.keys(optionSpecs) as OptionName[];
const commandNames = Object.keys(commandSpecs) as CommandName[];

function optionError(option: string, value: unknown, expected: string, hint?: string): KvitteringError {
  return new KvitteringError('E_CLI_OPTION', `--${option} is ${JSON.stringify(value)} — expected ${expected}`, hint);
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpecs, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(message);
    if (unknown !== null) {
      const name = unknown[2] as string;
      throw new KvitteringError('E_CLI_OPTION', `${unknown[1]}${name} is not an option — expected one of ${optionNames.map((o) => `--${o}`).join(', ')}`,
        didYouMean(name, optionNames)?.replace('"', '"--'));
    }
    throw new KvitteringError('E_CLI_OPTION', message.split('\n')[0] ?? message, 'run `kvittering --help` for the options');
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: CommandName | undefined;
  if (first !== undefined) {
    if (!(commandNames as string[]).includes(first)) {
      throw new KvitteringError('E_CLI_COMMAND', `"${first}" is not a command — expected one of ${commandNames.join(', ')}`, didYouMean(first, commandNames));
    }
    command = first as CommandName;
    for (const name of optionNames) {
      if (values[name] === undefined || name === 'help' || name === 'version') continue;
      if (!commandSpecs[command].options.includes(name)) {
        throw new KvitteringError('E_CLI_OPTION', `--${name} does not apply to "${command}" — expected only ${commandSpecs[command].options.map((o) => `--${o}`).join(', ') || 'no options'}`);
      }
    }
  }

  const options: CliOptions = { formats: [...reportFormats], lang: 'en', verbose: values.verbose ?? false, help: values.help ?? false, version: values.version ?? false };
  if (values.out !== undefined) options.out = values.out;
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) throw optionError('seed', values.seed, 'an integer');
    options.seed = seed;
  }
  if (values.format !== undefined) {
    const formats = list(values.format);
    for (const f of formats) {
      if (!(reportFormats as readonly string[]).includes(f)) throw optionError('format', f, `a comma list of ${reportFormats.join(', ')}`, didYouMean(f, reportFormats));
    }
    if (formats.length === 0) throw optionError('format', values.format, `a comma list of ${reportFormats.join(', ')}`);
    options.formats = [...new Set(formats)] as ReportFormat[];
  }
  if (values.lang !== undefined) {
    if (values.lang !== 'en' && values.lang !== 'nb') throw optionError('lang', values.lang, 'en or nb', didYouMean(values.lang, ['en', 'nb']));
    options.lang = values.lang;
  }
  if (values.retention !== undefined) options.retention = list(values.retention);
  if (values.reconciliation !== undefined) options.reconciliation = list(values.reconciliation);
  if (values['ack-policy'] !== undefined) options.ackPolicy = list(values['ack-policy']);
  return { command, options, positionals: rest };
}

export { parseCommandLine };
export type { CommandLine };
