// The promise as a property: in every safe world (see harness/arbitraries/safe-world.ts for what is
// safe and why), no message ends lost-silent or lost-detected-late, none is still in flight at the
// horizon, and none is stored twice.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { safeWorldArbitrary, type SafeFamily } from '../../harness/arbitraries/safe-world.js';
import type { World } from '../../harness/arbitraries/world.js';
import { assertProperty, propertyParameters } from '../support/property.js';
import { explainWorld, runWorld } from '../support/world-run.js';

function promiseHolds(world: World): void {
  const { verdict } = runWorld(world).judgement;
  expect(verdict.counts['lost-silent'], 'lost-silent').toBe(0);
  expect(verdict.counts['lost-detected-late'], 'lost-detected-late').toBe(0);
  expect(verdict.counts['in-flight'], 'in-flight at the horizon').toBe(0);
  expect(verdict.valid).toBe(true);
}

describe('the promise', () => {
  it.each<[SafeFamily, number]>([['nets', 150], ['reconciled', 150]])('holds in every safe world: %s', (family, runs) => {
    const name = `holds in every safe world: ${family}`;
    assertProperty(fc.property(safeWorldArbitrary({ family }), promiseHolds), propertyParameters(runs), {
      name, file: import.meta.url, explain: ([world]) => explainWorld(world),
    });
  });
});
