// Checks return data and renderers word it: the Norwegian summary of a built-in check comes from the
// numbers the check returned, never from parsing its English sentence.

import { describe, expect, it } from 'vitest';
import { checkSummary } from '../../reports/report-text.js';
import { messagesFor } from '../../reports/i18n.js';
import { duplicateCheck, horizonCheck } from '../../harness/oracle/checks.js';

const nb = messagesFor('nb');

describe('check summaries', () => {
  it('word the numbers a check returned, whatever its English text says', () => {
    const reworded = { name: 'duplicates', valid: false as const, summary: 'Stored twice: 3 messages', data: { storedTwice: 3 }, offenders: [1, 2, 3] };
    expect(checkSummary(reworded, nb)).toBe('3 meldinger lagret mer enn én gang');
    expect(checkSummary(reworded, messagesFor('en'))).toBe('Stored twice: 3 messages');
  });

  it('are given their numbers by the oracle checks themselves', () => {
    const facts = new Map([[1, { msg: 1, extraCommits: 1 }], [2, { msg: 2, extraCommits: 2 }]]);
    expect(duplicateCheck({ fates: [], facts: facts as never, counts: {} as never, horizonMs: 0, requiredHorizonMs: 0 }).data).toEqual({ storedTwice: 2 });
    expect(horizonCheck({ fates: [], facts: new Map(), counts: {} as never, horizonMs: 0, requiredHorizonMs: 5 * 3_600_000 }).data).toEqual({ shortByHours: 5 });
  });

  it('keep the text of a check they do not know', () => {
    expect(checkSummary({ name: 'vendor-check', valid: true, summary: 'all good', offenders: [] }, nb)).toBe('all good');
  });
});
