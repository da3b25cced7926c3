// Shared by the fuzz tests: what a clean rejection looks like, and structural mutations of a document.

import * as fc from 'fast-check';
import { expect } from 'vitest';
import { KvitteringError } from '../../harness/errors.js';

/** A stack frame as Node prints it. */
const STACK_FRAME = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** A clean rejection: `[kvittering] E_CODE: …`, then only further problems ("  …") and a `Hint:`; no stack. */
function expectCleanMessage(message: string): void {
  const lines = message.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^\[kvittering\] E_[A-Z0-9_]+: \S/);
  for (const line of lines.slice(1)) expect(line).toMatch(/^(Hint: | {2}\S)/);
  expect(message).not.toMatch(STACK_FRAME);
  expect(message).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError|Cannot read properties)\b/);
}

function expectCleanError(error: unknown): asserts error is KvitteringError {
  if (!(error instanceof KvitteringError)) {
    throw new Error(`expected a KvitteringError, got ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`);
  }
  expectCleanMessage(error.message);
  // Field errors name the path, the value and what was expected.
  if (/^E_[A-Z]+_FIELD$/.test(error.code)) expect(error.detail).toMatch(/ (is|points at) .* — expected /s);
}

type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'retype'; at: number }
  | { op: 'add'; at: number; key: string; value: unknown };

const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1e300, -1e-9, 2 ** 53, '', '0d', '-3d', '1e9d', '99999999999999d', 'NaN', 'yes', null, [], {}),
);

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fieldValue }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'kind', 'seed')), value: fieldValue }),
);

type Path = (string | number)[];

/** Every path to a value inside the document, root first. */
function pathsOf(doc: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** The same value in another type: numbers become strings, strings numbers, lists maps, and so on. */
function retype(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return Number.isNaN(Number(value)) ? value.length : [value];
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value !== null && typeof value === 'object') return Object.values(value);
  return 'null';
}

function applyMutation(doc: unknown, m: Mutation): unknown {
  const paths = pathsOf(doc);
  const path = paths[m.at % paths.length] as Path;
  if (path.length === 0) {
    if (m.op === 'replace') return m.value;
    if (m.op === 'retype') return retype(doc);
    if (m.op === 'drop') return null;
  }
  const parent = path.length === 0 ? doc : path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc);
  const key = path[path.length - 1] as string | number;
  const holder = parent as Record<string | number, unknown>;
  if (m.op === 'add') {
    const target = path.length === 0 ? doc : holder[key];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(m.value);
    return doc;
  }
  if (m.op === 'drop') {
    if (Array.isArray(holder)) holder.splice(key as number, 1);
    else delete holder[key];
  } else if (m.op === 'replace') {
    holder[key] = m.value;
  } else {
    holder[key] = retype(holder[key]);
  }
  return doc;
}

export { expectCleanError, expectCleanMessage, mutationArbitrary, applyMutation, STACK_FRAME };
export type { Mutation };
