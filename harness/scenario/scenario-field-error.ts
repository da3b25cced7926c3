// Turns what the schema found wrong in a scenario file into one KvitteringError E_SCENARIO_FIELD that
// names the path, the value and what was expected, with "did you mean" hints for misspelt names.

import { z } from 'zod';
import { KvitteringError, didYouMean } from '../errors.js';

type Path = readonly PropertyKey[];

/** `faults[2].kind` from ['faults', 2, 'kind']. */
function formatPath(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(the file)' : out;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The object schema at a path, to list the fields it knows. */
function objectKeysAt(schema: z.ZodType, path: Path): string[] {
  let at: z.ZodType = schema;
  const unwrap = () => {
    while (at instanceof z.ZodOptional || at instanceof z.ZodDefault) at = at.unwrap() as z.ZodType;
  };
  for (const key of path) {
    unwrap();
    if (at instanceof z.ZodArray && typeof key === 'number') at = at.element as z.ZodType;
    else if (at instanceof z.ZodObject && typeof key === 'string' && key in at.shape) at = at.shape[key] as z.ZodType;
    else return [];
  }
  unwrap();
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
}

const typeNames: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping of fields',
};

interface Problem {
  line: string;
  hint?: string;
}

function describe(issue: z.core.$ZodIssue, raw: unknown, schema: z.ZodType): Problem {
  const value = valueAt(raw, issue.path);
  const at = (path: Path, expected: string, hint?: string): Problem => ({
    line: `${formatPath(path)} is ${show(valueAt(raw, path))} — expected ${expected}`,
    ...(hint === undefined ? {} : { hint }),
  });
  switch (issue.code) {
    case 'invalid_type':
      return at(issue.path, typeNames[issue.expected] ?? issue.expected);
    case 'invalid_value': {
      const options = issue.values.map(String);
      return at(issue.path, `one of ${options.join(', ')}`, typeof value === 'string' ? didYouMean(value, options) : undefined);
    }
    case 'unrecognized_keys': {
      const known = objectKeysAt(schema, issue.path);
      const key = issue.keys[0] as string;
      return at([...issue.path, key], `no such field here (known: ${known.join(', ')})`, didYouMean(key, known));
    }
    case 'too_small':
      return at(issue.path, issue.origin === 'array' ? `at least ${String(issue.minimum)} item(s)` : `a number ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`);
    case 'too_big':
      return at(issue.path, issue.origin === 'array' ? `at most ${String(issue.maximum)} item(s)` : `a number ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`);
    default:
      // Format and custom issues carry the expectation as their message (see scenario-schema.ts).
      return at(issue.path, issue.message);
  }
}

/** One error for every problem the schema found (the first few listed), with their hints. */
function scenarioFieldError(issues: readonly z.core.$ZodIssue[], raw: unknown, schema: z.ZodType, file?: string): KvitteringError {
  const problems = issues.slice(0, 5).map((issue) => describe(issue, raw, schema));
  const more = issues.length > problems.length ? `\n  … and ${issues.length - problems.length} more` : '';
  const where = file === undefined ? '' : `${file}: `;
  const hints = problems.flatMap((p) => (p.hint === undefined ? [] : [p.hint]));
  return new KvitteringError('E_SCENARIO_FIELD', `${where}${problems.map((p) => p.line).join('\n  ')}${more}`, hints.length === 0 ? undefined : hints.join('; '));
}

/** A single semantic problem found after the schema passed (unknown target, overlapping periods …). */
function fieldProblem(path: Path, value: unknown, expected: string, hint?: string, file?: string): KvitteringError {
  const where = file === undefined ? '' : `${file}: `;
  return new KvitteringError('E_SCENARIO_FIELD', `${where}${formatPath(path)} is ${show(value)} — expected ${expected}`, hint);
}

export { scenarioFieldError, fieldProblem };
