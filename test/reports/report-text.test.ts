// Checks return data and renderers word it: the Norwegian summary of a built-in check comes from the
// numbers the check returned, never from parsing its English sentence.

import { describe, expect, it } from 'vitest';
import { checkSummary } from '../../reports/report-text.js';
import { messagesFor } from '../../reports/i18n.js';
import { duplicateCheck, horizonCheck } from '../../harness/oracle/checks.js';
import { judgeLive } from '../../harness/live/live-verdict.js';
import { faultExposureCheck } from '../../harness/system-test/fault-exposure.js';
import { judgeLedger } from '../../harness/oracle/oracle.js';

const nb = messagesFor('nb');

describe('check summaries', () => {
  it('word the numbers a check returned, whatever its English text says', () => {
    const reworded = { name: 'duplicates', valid: false as const, summary: 'Stored twice: 3 messages', data: { storedTwice: 3 }, offenders: [1, 2, 3] };
    expect(checkSummary(reworded, nb)).toBe('3 meldinger lagret mer enn én gang');
    expect(checkSummary(reworded, messagesFor('en'))).toBe('Stored twice: 3 messages');
  });

  it('are given their numbers by the oracle checks themselves', () => {
    const facts = new Map([[1, { msg: 1, extraCommits: 1 }], [2, { msg: 2, extraCommits: 2 }]]);
    expect(duplicateCheck({ fates: [], idsWithFate: () => [], facts: facts as never, counts: {} as never, horizonMs: 0, requiredHorizonMs: 0 }).data).toEqual({ storedTwice: 2 });
    expect(horizonCheck({ fates: [], idsWithFate: () => [], facts: new Map(), counts: {} as never, horizonMs: 0, requiredHorizonMs: 5 * 3_600_000 }).data).toEqual({ shortByHours: 5 });
  });

  it('keep the text of a check they do not know', () => {
    expect(checkSummary({ name: 'vendor-check', valid: true, summary: 'all good', offenders: [] }, nb)).toBe('all good');
  });

  it('word a live run\'s own checks in Norwegian from their numbers, keeping the servers\' words', () => {
    const judgement = judgeLedger([], 0);
    const reads = { made: 40, failed: 2, unread: 0, controlFailed: 0 };
    const live = judgeLive({ judgement, complete: false, sutFaults: [], storageReads: reads, faultErrors: ['backup-spike: LOCK TABLE denied'] });
    const nbOf = (name: string) => checkSummary({ name, ...live.checks[name]!, offenders: [] }, nb);
    expect(nbOf('storage-probe')).toBe('2 av 40 lesinger av systemets lager feilet; en senere lesing svarte for hver melding de spurte om');
    expect(nbOf('system')).toBe('svarte hele tiden, bortsett fra de planlagte feilene');
    expect(nbOf('faults-applied')).toMatch(/^1 planlagte feilhandlinger kunne ikke utføres — .*LOCK TABLE denied/);
    expect(nbOf('complete')).toBe('kjøringen ble stoppet før horisonten');
    const window = { fault: 'backup-spike', fromMs: 0, toMs: 3_600_000, reports: 0 };
    const unmet = faultExposureCheck([window], ['backup-spike']);
    expect(checkSummary({ name: 'faults-met-reports', ...unmet, offenders: [] }, nb)).toMatch(/^1 av 1 lagringsfeilvinduer traff ingen melding og 0 åpnet aldri/);
    const met = faultExposureCheck([{ ...window, reports: 3 }], ['backup-spike']);
    expect(checkSummary({ name: 'faults-met-reports', ...met, offenders: [] }, nb)).toBe('alle 1 lagringsfeilvinduer traff meldinger');
    expect(checkSummary({ name: 'storage-probe', ...live.checks['storage-probe']!, offenders: [] }, messagesFor('en'))).toMatch(/^2 of 40 reads/);
  });
});
