// Reads one scenario from its YAML text: parse, validate against the schema, check what the schema
// cannot (targets, dates, periods), and fingerprint it. Pure: the CLI reads the file and passes text.

import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { KvitteringError } from '../errors.js';
import { resolveSimulation } from '../runner/simulation-config.js';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.js';
import { scenarioFieldError } from './scenario-field-error.js';
import { toSimulationInput } from './to-simulation-input.js';

interface LoadedScenario {
  scenario: ScenarioFile;
  /** sha256 of the file's canonical JSON (keys sorted): the same scenario written differently hashes the same. */
  hash: string;
  /** Where it was read from, as given to the loader (for messages and the reproducibility block). */
  file?: string;
}

/** JSON with object keys sorted at every level. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parseScenario(text: string, file?: string): LoadedScenario {
  const where = file === undefined ? '' : `${file}: `;
  const doc = parseDocument(text, { prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    throw new KvitteringError('E_SCENARIO_YAML', `${where}${(yamlError.message.split('\n')[0] ?? 'unreadable YAML').replace(/:$/, '')}`, 'check the indentation and quoting near that line');
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml library refuses alias bombs (ReferenceError) and may overflow on absurd nesting.
    throw new KvitteringError('E_SCENARIO_YAML', `${where}${error instanceof Error ? error.message : 'unreadable YAML'}`, 'scenario files need no YAML aliases (&a/*a) or deep nesting');
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw scenarioFieldError(parsed.error.issues, raw, scenarioSchema, file);
  const scenario = parsed.data;
  // Semantic checks with the file's paths first, then the core's own (defence in depth).
  const { input } = toSimulationInput(scenario, file);
  try {
    resolveSimulation(input);
  } catch (error) {
    if (error instanceof KvitteringError) throw new KvitteringError(error.code, `${where}${error.detail}`, error.hint);
    throw error;
  }
  const hash = createHash('sha256').update(canonicalJson(raw)).digest('hex');
  return file === undefined ? { scenario, hash } : { scenario, hash, file };
}

export { parseScenario, canonicalJson };
export type { LoadedScenario };
