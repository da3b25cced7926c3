// Bad scenario files never crash the loader: whatever the text, parseScenario returns a valid scenario
// or throws a KvitteringError whose one message names what was wrong — never a TypeError, never a stack
// trace, never a hang. Inputs: arbitrary text, arbitrary JSON/YAML documents, and mutations (drop,
// replace, retype, add) of every scenario shipped in scenarios/.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KvitteringError } from '../../harness/errors.js';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { propertyParameters } from '../support/property.js';
import { expectCleanError, mutationArbitrary, applyMutation, type Mutation } from './fuzz-support.js';

const scenarioDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const shipped = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).map((f) => ({ file: f, text: readFileSync(scenarioDir + f, 'utf8') }));

/** A hang detector, not a speed target: one parse that takes this long is stuck. */
const CASE_BOUND_MS = 5_000;

/** Valid, or a clean KvitteringError — and within the bound. */
function loadOutcome(text: string, file?: string): 'valid' | 'rejected' {
  const started = performance.now();
  try {
    parseScenario(text, file);
    return 'valid';
  } catch (error) {
    expectCleanError(error);
    return 'rejected';
  } finally {
    expect(performance.now() - started).toBeLessThan(CASE_BOUND_MS);
  }
}

describe('scenario loader under fuzzing', () => {
  it('ships scenarios that load', () => {
    expect(shipped.length).toBeGreaterThan(5);
    for (const s of shipped) expect(loadOutcome(s.text, s.file)).toBe('valid');
  });

  it('arbitrary text: valid or a clean error', () => {
    const yamlish = fc.string({ unit: fc.constantFrom(...'ab:- \n\t{}[]"\'#&*!|>%@`,?0123456789.'.split('')), maxLength: 200 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), yamlish, fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
      loadOutcome(text, 'fuzz.yaml');
    }), propertyParameters(300));
  });

  it('arbitrary JSON and YAML documents: valid or a clean error', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (doc, asJson) => {
      loadOutcome(asJson ? JSON.stringify(doc) : stringify(doc), 'fuzz.yaml');
    }), propertyParameters(300));
  });

  it('mutations of every shipped scenario (drop, replace, retype, add): valid or a clean error naming the path', () => {
    const docs = shipped.map((s) => ({ file: s.file, doc: parse(s.text) as unknown }));
    let rejected = 0;
    fc.assert(fc.property(fc.constantFrom(...docs), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), fc.boolean(), (base, mutations: Mutation[], asJson) => {
      let doc = structuredClone(base.doc);
      for (const m of mutations) doc = applyMutation(doc, m);
      const text = asJson ? JSON.stringify(doc) ?? 'null' : stringify(doc);
      if (loadOutcome(text, base.file) === 'rejected') rejected++;
    }), propertyParameters(400));
    // The mutations must actually reach the validator, or this property proves nothing.
    expect(rejected).toBeGreaterThan(50);
  });

  it('alias bombs and deep nesting end in an error, not a hang', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(loadOutcome(bomb, 'bomb.yaml')).toBe('rejected');
    expect(loadOutcome(`${'['.repeat(5_000)}${']'.repeat(5_000)}`, 'deep.yaml')).toBe('rejected');
    expect(loadOutcome(`${'a:\n  '.repeat(2_000)}b: 1`, 'deep.yaml')).toBe('rejected');
  });

  it('names the path, the value and what was expected for a wrong field', () => {
    const doc = parse(shipped[0]?.text ?? '') as { workload: Record<string, unknown> };
    doc.workload.ratePerDay = 'lots';
    try {
      parseScenario(stringify(doc), 'x.yaml');
      expect.unreachable('a string rate must be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(KvitteringError);
      expect((error as Error).message).toMatch(/^\[kvittering\] E_SCENARIO_FIELD: x\.yaml: workload\.ratePerDay is "lots" — expected /);
    }
  });
});
