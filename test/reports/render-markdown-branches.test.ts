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
