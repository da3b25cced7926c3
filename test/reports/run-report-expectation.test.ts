// A scenario may assert that a setup is unsafe: the report says whether the verdict is the one the
// scenario expected. Every verdict against every expectation — a report that called an unexpected
// PASS "as expected" would hide the worst bug.

import { describe, expect, it } from 'vitest';
import type { Validity } from '../../harness/oracle/checks.js';
import { buildRunReport, type Expectation } from '../../reports/run-report.js';
import { handMadeRun, handMeta, handRepro } from './hand-made-run.js';

const asExpected = (valid: Validity, expected: Expectation) => buildRunReport({ ...handMeta, expected }, handMadeRun({ valid }), handRepro).verdict;

describe('buildRunReport: the verdict against the expectation', () => {
  it('is as expected only when pass meets true, fail meets false and unknown meets unknown', () => {
    const table = (['pass', 'fail', 'unknown'] as const).map((expected) => [expected, ...([true, false, 'unknown'] as const).map((valid) => asExpected(valid, expected).asExpected)]);
    expect(table).toEqual([
      ['pass', true, false, false],
      ['fail', false, true, false],
      ['unknown', false, false, true],
    ]);
  });

  it('carries the verdict and the expectation themselves', () => {
    expect(asExpected('unknown', 'fail')).toMatchObject({ valid: 'unknown', expected: 'fail', asExpected: false });
    expect(asExpected(true, 'unknown')).toMatchObject({ valid: true, expected: 'unknown', asExpected: false });
  });
});
