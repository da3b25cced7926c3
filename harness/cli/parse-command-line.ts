// argv ⇒ { command, options, positionals }, with Node's util.parseArgs over the option table. Every
// mistake becomes a KvitteringError naming the option, the value and what was expected.

import { parseArgs } from 'node:util';
import { KvitteringError, didYouMean } from '../errors.js';
import { reportFormats, type ReportFormat } from '../../reports/renderers.js';
import { commandSpecs, optionSpecs, type CliOptions, type CommandName, type OptionName, type OptionSpec } from './cli-options.js';

interface CommandLine {
  command: CommandName | undefined;
  options: CliOptions;
  positionals: string[];
}

const optionNames = Object.keys(optionSpecs) as OptionName[];
const commandNames = Object.keys(commandSpecs) as CommandName[];

/** `--name is "value" — expected …` (or `--name is missing — …`): every bad option reads the same. */
function optionError(option: string, value: unknown, expected: string, hint?: string): KvitteringError {
  return new KvitteringError('E_CLI_OPTION', `--${option} is ${value === undefined ? 'missing' : JSON.stringify(value)} — expected ${expected}`, hint);
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

type OptionTable = Readonly<Record<string, Pick<OptionSpec, 'type' | 'short' | 'value'> & { multiple?: boolean }>>;
/** What util.parseArgs gives for a table (named here so the shipped declarations can name it). */
type ParsedOptions<T extends OptionTable> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>>;

/**
 * Node's util.parseArgs over one option table, for every command (the main CLI, serve, explore): its
 * errors become KvitteringErrors naming the option and what was expected. `where` names the command in
 * the message ("serve portal"); the main CLI's table is shared by all its commands, so it has none.
 */
function parseOptions<T extends OptionTable>(argv: readonly string[], table: T, where?: string, allowPositionals = true): ParsedOptions<T> {
  const names = Object.keys(table);
  const expectedNames = `one of ${names.map((o) => `--${o}`).join(', ')}`;
  const of = where === undefined ? '' : ` of "${where}"`;
  try {
    return parseArgs({ args: [...argv], options: table, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
      const name = unknown[2] as string;
      throw new KvitteringError('E_CLI_OPTION', `${unknown[1]}${name} is not an option${of} — expected ${expectedNames}`, didYouMean(name, names)?.replace('"', '"--'));
    }
    const option = /Option '(?:-\w, )?--([^' <]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
      if (/does not take an argument/.test(message)) throw new KvitteringError('E_CLI_OPTION', `--${option} takes no value — expected --${option} alone`);
      // "argument missing", or "ambiguous" when the next word starts with a dash (--seed -5 means --seed=-5).
      throw new KvitteringError('E_CLI_OPTION', `--${option} is missing its value — expected --${option} ${table[option]?.value ?? 'VALUE'}`,
        /ambiguous/.test(message) ? `a value that starts with a dash goes after "=": --${option}=-…` : undefined);
    }
    const stray = /Unexpected argument '([^']*)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && stray !== undefined) {
      throw new KvitteringError('E_CLI_OPTION', `${JSON.stringify(stray)} is not an option${of} — expected ${expectedNames}`);
    }
    throw new KvitteringError('E_CLI_OPTION', message.split('\n')[0] ?? message, 'run `kvittering --help` for the options');
  }
}

function parseCommandLine(argv: readonly string[]): CommandLine {
  const parsed = parseOptions(argv, optionSpecs);
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

export { parseCommandLine, parseOptions, optionError };
export type { CommandLine, OptionTable };
