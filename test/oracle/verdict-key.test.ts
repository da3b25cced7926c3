import { describe, expect, it } from 'vitest';
import { verdictKey } from '../../harness/oracle/checks.js';

describe('verdictKey (the one validity → word mapping reports, summaries and scenario files share)', () => {
  it('words each validity, and never words unknown as pass', () => {
    expect([verdictKey(true), verdictKey(false), verdictKey('unknown')]).toEqual(['pass', 'fail', 'unknown']);
  });
});
