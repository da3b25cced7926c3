// Every CLI option and command, declared as data: the parser, the help text and the checks all read
// these tables, so an option is added in one place.

import type { ReportFormat } from '../../reports/renderers.js';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  value?: string;
  description: string;
}

const optionSpecs = {
  seed: { type: 'string', value: 'N', description: 'Replace every scenario\'s seed (an integer).' },
  out: { type: 'string', value: 'DIR', description: 'Where reports are written (default: out).' },
  format: { type: 'string', value: 'LIST', description: 'Report formats, comma-separated: json, junit, markdown, html (default: all).' },
  lang: { type: 'string', value: 'en|nb', description: 'Language of the reports (default: en).' },
  retention: { type: 'string', value: 'LIST', description: 'sweep: retention values, e.g. 14d,30d.' },
  reconciliation: { type: 'string', value: 'LIST', description: 'sweep: reconciliation intervals, e.g. off,1d,7d.' },
  'ack-policy': { type: 'string', value: 'LIST', description: 'sweep: ack policies, e.g. before-commit,retry-then-fail.' },
  verbose: { type: 'boolean', description: 'test: also print every line the system under test writes.' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
  version: { type: 'boolean', description: 'Print the version.' },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof optionSpecs;

interface CliOptions {
  seed?: number;
  /** Unset: each command's default (reports go to out/). */
  out?: string;
  formats: ReportFormat[];
  lang: 'en' | 'nb';
  retention?: string[];
  reconciliation?: string[];
  ackPolicy?: string[];
  verbose: boolean;
  help: boolean;
  version: boolean;
}

type CommandName = 'run' | 'test' | 'calibrate' | 'list' | 'validate' | 'replay' | 'sweep' | 'schema';

interface CommandSpec {
  usage: string;
  summary: string;
  options: readonly OptionName[];
}

const commandSpecs: Record<CommandName, CommandSpec> = {
  run: { usage: 'run <scenario.yaml|dir>…', summary: 'Run scenarios, write reports, exit 1 if a verdict differs from the expected one.', options: ['seed', 'out', 'format', 'lang'] },
  test: { usage: 'test <system.yaml>', summary: 'Test a real case system live (faults on its tables, sessions, process); exit 0 pass, 1 fail, 3 unknown.', options: ['seed', 'out', 'format', 'lang', 'verbose'] },
  calibrate: { usage: 'calibrate <scenario.yaml>', summary: 'Run a scenario over many seeds; source figures beside the simulated median and 10–90 % band.', options: ['seed', 'out', 'format', 'lang'] },
  list: { usage: 'list [dir|file]…', summary: 'List scenarios: id, expected verdict, title.', options: [] },
  validate: { usage: 'validate [dir|file]…', summary: 'Check scenario files against the schema; exit 2 if any is invalid.', options: [] },
  replay: { usage: 'replay <report.json>', summary: 'Rerun a JSON report from its reproducibility block; exit 1 unless byte-identical.', options: ['out'] },
  sweep: { usage: 'sweep <scenario.yaml>', summary: 'Run a grid of retention × reconciliation × ack policy; table and SVG heatmap.', options: ['seed', 'out', 'lang', 'retention', 'reconciliation', 'ack-policy'] },
  schema: { usage: 'schema [system-profile] [FILE]', summary: 'Print (or write) the JSON Schema of scenario files, or of system profiles.', options: ['out'] },
};

/** Exit codes: documented in the help text. */
const exitCodes = { ok: 0, unexpectedVerdict: 1, badInput: 2, unknown: 3, internal: 70, interrupted: 130 } as const;

function helpText(version: string): string {
  const lines = [`kvittering ${version} — deterministic simulation of concern-report delivery`, '', 'Usage: kvittering <command> [options]', '', 'Commands:'];
  for (const spec of Object.values(commandSpecs)) lines.push(`  ${spec.usage.padEnd(32)} ${spec.summary}`);
  // serve and explore have their own option tables (serve.ts, commands/explore-command.ts), read by the same parser.
  lines.push(`  ${'serve portal|case-system …'.padEnd(32)} Run the portal or the reference case system over HTTP (live mode); see serve --help.`);
  lines.push(`  ${'explore <scenario.yaml> --worlds N'.padEnd(32)} Run N seeded worlds with drawn faults on worker threads (--shard i/n, --merge); see explore --help.`);
  lines.push('', 'Options:');
  for (const [name, spec] of Object.entries(optionSpecs) as [OptionName, OptionSpec][]) {
    const flag = `${'short' in spec && spec.short !== undefined ? `-${spec.short}, ` : ''}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
    lines.push(`  ${flag.padEnd(32)} ${spec.description}`);
  }
  lines.push('', 'Exit codes: 0 every verdict as expected · 1 a verdict differs (or replay differs; test: FAIL) · 2 bad input · 3 test: UNKNOWN · 130 interrupted.',
    'Progress bars show on a terminal; CI=true or a pipe keeps output quiet.', '');
  return lines.join('\n');
}

export { optionSpecs, commandSpecs, exitCodes, helpText };
export type { OptionSpec, OptionName, CliOptions, CommandName, CommandSpec };
