// The pull-request comment's parts the golden fixture does not reach: the heading's mark for each
// verdict, each check's icon, no detection at all, late losses found in time, one receiver, a short
// horizon, a stopped run, no trace, no scenario file, a live run's note — exact lines in en and nb.

import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { messagesFor } from '../../reports/i18n.js';
import { escapeMarkdown } from '../../reports/escape.js';
import type { RunReport } from '../../reports/run-report.js';
import { fixtureReport } from './fixture.js';

const base = fixtureReport();
const lines = (r: RunReport, lang: 'en' | 'nb' = 'en') => renderMarkdown(r, { lang }).split('\n');
const title = 'Five municipalities, four behind the 2023 flaw';

function verdict(r: RunReport, change: Partial<RunReport['verdict']>): RunReport {
  return { ...r, verdict: { ...r.verdict, ...change } };
}

describe('markdown: heading mark and check icons', () => {
  it('marks the heading with the verdict when it is as expected, and 🚨 when it is not', () => {
    expect(lines(verdict(base, { valid: false, asExpected: true }))[0]).toBe(`### ❌ ${title}`);
    expect(lines(verdict(base, { valid: true, asExpected: true }))[0]).toBe(`### ✅ ${title}`);
    expect(lines(verdict(base, { valid: 'unknown', asExpected: true }))[0]).toBe(`### ❔ ${title}`);
    expect(lines(verdict(base, { valid: false, asExpected: false }))[0]).toBe(`### 🚨 ${title}`);
  });

  it('gives each check the icon of its own result', () => {
    const checks = [
      { name: 'promise', valid: 'unknown' as const, summary: 'still in flight', offenders: [] },
      { name: 'duplicates', valid: false as const, summary: 'two stored twice', offenders: [] },
    ];
    const md = lines(verdict(base, { checks }));
    expect(md).toContain('- ❔ **Promise: nothing lost unnoticed** — still in flight');
    expect(md).toContain('- ❌ **No duplicate records** — two stored twice');
  });
});

describe('markdown: detection', () => {
  it('says so when nothing was detected', () => {
    const none = { ...base, detection: { ...base.detection, distribution: undefined, inWindow: 0, late: 0, lateInWindow: 0, silent: 4 } };
    const md = lines(none);
    const at = md.indexOf('**Time to detection** (retention window 14d)');
    expect(md.slice(at + 2, at + 4)).toEqual(['- No loss was detected in this run.', '- detected in time (recoverable): 0 · detected after the purge: 0 · never detected: 4']);
    const nb = lines(none, 'nb');
    const nbAt = nb.indexOf('**Tid til oppdagelse** (oppbevaringsvindu 14d)');
    expect(nb.slice(nbAt + 2, nbAt + 4)).toEqual(['- Ingen tap ble oppdaget i denne kjøringen.', '- oppdaget i tide (kan gjenopprettes): 0 · oppdaget etter sletting: 0 · aldri oppdaget: 4']);
  });

  it('counts late losses found in time apart from those found after the purge', () => {
    const found = { ...base, detection: { ...base.detection, inWindow: 3, late: 5, lateInWindow: 2, silent: 9 } };
    expect(lines(found)).toContain('- detected in time (recoverable): 3 · detected in time, not restored before the purge: 2 · detected after the purge: 3 · never detected: 9');
    expect(lines(found, 'nb')).toContain('- oppdaget i tide (kan gjenopprettes): 3 · oppdaget i tide, ikke gjenopprettet før slettingen: 2 · oppdaget etter sletting: 3 · aldri oppdaget: 9');
    const one = { ...base, detection: { ...base.detection, inWindow: 3, late: 5, lateInWindow: 1, silent: 9 } };
    expect(lines(one)).toContain('- detected in time (recoverable): 3 · detected in time, not restored before the purge: 1 · detected after the purge: 4 · never detected: 9');
  });
});

describe('markdown: receivers, horizon, stop, trace, file, live note', () => {
  it('names the affected receivers only when there is more than one receiver', () => {
    expect(lines(base)).toContain('**Receivers with losses**: 2 of 5 receivers lost at least one message.');
    const single = { ...base, receivers: { ...base.receivers, total: 1, affected: 1 } };
    expect(lines(single).some((l) => l.includes('receivers lost at least one message'))).toBe(false);
    const two = { ...base, receivers: { ...base.receivers, total: 2, affected: 1 } };
    expect(lines(two, 'nb')).toContain('**Mottakere med tap**: 1 av 2 mottakere mistet minst én melding.');
  });

  it('warns when the horizon is short and when the run stopped early, and only then', () => {
    const warnings = (r: RunReport, lang: 'en' | 'nb' = 'en') => lines(r, lang).filter((l) => l.startsWith('⚠️'));
    expect(warnings(base)).toEqual([]);
    const short = { ...base, horizon: { ...base.horizon, reached: false } };
    expect(warnings(short)).toEqual(['⚠️ The horizon ends before the last retention window closes: some fates are not settled.']);
    const stopped = { ...base, horizon: { ...base.horizon, complete: false } };
    expect(warnings(stopped, 'nb')).toEqual(['⚠️ Kjøringen ble stoppet tidlig; dommen gjelder bare det som ble kjørt.']);
    const both = { ...base, horizon: { ...base.horizon, reached: false, complete: false } };
    expect(warnings(both)).toEqual([
      '⚠️ The horizon ends before the last retention window closes: some fates are not settled.',
      '⚠️ The run was stopped early; the verdict covers only what ran.',
    ]);
    // Each warning is its own paragraph: a blank line before it, and the next section after a blank line.
    const md = renderMarkdown(both, { lang: 'en' });
    expect(md).toContain('lost at least one message.\n\n⚠️ The horizon ends before the last retention window closes: some fates are not settled.\n\n⚠️ The run was stopped early; the verdict covers only what ran.\n\n**Minimal failing trace**');
  });

  it('shows no code block of a trace when there is none', () => {
    const none: RunReport = { ...base, trace: undefined, traceStatus: 'nothing-failed' };
    const md = renderMarkdown(none, { lang: 'en' });
    expect(md).toContain('**Minimal failing trace**: Nothing was lost, so there is no failing trace.\n\n**Reproduce with**');
    expect(md).not.toContain('```text');
  });

  it('names the scenario file in the footer only when there is one', () => {
    const footer = (r: RunReport) => lines(r).find((l) => l.startsWith('<sub>'));
    expect(footer(base)).toBe('<sub>kvittering 0.1.0 · scenario hash `sha256:0123456789abcdef` · `scenarios/report-fixture.yaml`</sub>');
    const { file: _file, ...meta } = base.meta;
    expect(footer({ ...base, meta })).toBe('<sub>kvittering 0.1.0 · scenario hash `sha256:0123456789abcdef`</sub>');
  });

  it('says under the command that a live run\'s counts vary', () => {
    const live = { ...base, config: { ...base.config, runtime: 'live' } } as unknown as RunReport;
    const md = renderMarkdown(live, { lang: 'nb' });
    expect(md).toContain(`${base.reproducibility.command}\n\`\`\`\n\n${escapeMarkdown(messagesFor('nb').liveRunNote)}\n\n<sub>`);
    expect(renderMarkdown(base, { lang: 'en' })).toContain(`${base.reproducibility.command}\n\`\`\`\n\n<sub>`);
  });
});

/** A calibration as `kvittering calibrate` sets it: one row with a target, one without, categories, an assumption. */
const calibration = {
  source: 'Review 2024',
  seeds: [1, 2, 3],
  rows: [
    { figure: { en: 'Lost reports', nb: 'Tapte meldinger' }, real: 12, source: undefined, median: 11, p10: 9, p90: 14, samples: 3, tolerance: 1.5, withinTolerance: true },
    { figure: 'Late finds', real: undefined, source: 'Audit', median: 2.5, p10: 1, p90: 4, samples: 3, tolerance: undefined, withinTolerance: undefined },
  ],
  categories: { a: 4, b: 3, c: 0, d: 1 },
  assumptions: [{ en: 'Backups run nightly', nb: 'Sikkerhetskopi hver natt' }],
};

describe('markdown: calibration', () => {
  it('shows the calibration table, the categories and the assumptions, exactly', () => {
    const md = lines({ ...base, calibration });
    const at = md.findIndex((l) => l.startsWith('**Calibration against the sources**'));
    expect(md.slice(at, at + 20)).toEqual([
      '**Calibration against the sources**: The same scenario over 3 seeds (1 to 3): the simulated median and its 10–90 % band beside each real figure and the source it comes from.',
      '',
      '| Figure | Real | Simulated median | 10–90 % band | Target | Source |',
      '| --- | ---: | ---: | ---: | --- | --- |',
      '| Lost reports | 12 | 11 | 9 – 14 | within ×1.5 | Review 2024 |',
      '| Late finds | – | 2.5 | 1 – 4 | – | Audit |',
      '',
      '**The review’s outcome categories (median over the seeds)**',
      '',
      '- A: receipted, not stored, purged — content lost: 4',
      '- B: noticed inside the window, re-sent from the portal: 3',
      '- C: through SvarUt, recovered by manual download: 0',
      '- D: re-sent by the reporter, fault unrecorded: 1',
      '',
      '**Calibration assumptions (the simulated figures follow from these, not from the real ones)**',
      '',
      '- Backups run nightly',
      '',
      '**Minimal failing trace**: The first lost message, #6 to bergen (lost, detected too late), with the faults around it.',
      '',
    ]);
    const nb = lines({ ...base, calibration }, 'nb');
    expect(nb).toContain('| Tapte meldinger | 12 | 11 | 9 – 14 | innenfor ×1,5 | Review 2024 |');
    expect(nb).toContain('- Sikkerhetskopi hver natt');
  });

  it('leaves the categories out when the calibration has none, and shows no calibration without one', () => {
    const { categories: _categories, ...plain } = calibration;
    const md = lines({ ...base, calibration: plain });
    expect(md.some((l) => l.startsWith('**The review’s outcome categories'))).toBe(false);
    const at = md.indexOf('| Late finds | – | 2.5 | 1 – 4 | – | Audit |');
    expect(md.slice(at + 1, at + 5)).toEqual(['', '**Calibration assumptions (the simulated figures follow from these, not from the real ones)**', '', '- Backups run nightly']);
    expect(lines(base).some((l) => l.startsWith('**Calibration'))).toBe(false);
  });
});
