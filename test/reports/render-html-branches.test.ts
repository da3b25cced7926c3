// The regulator's HTML report in the cases the golden fixture does not reach: a verdict that is not as
// expected, an unknown check, short and stopped runs, day and week buckets, a run without a ledger, no
// fallback, one receiver, no detection at all, late losses found in time, a calibration, no trace, no
// scenario file, a live run — and the configuration tables for many receivers, missing settings,
// explicit messages and an empty fault plan. Exact lines in en and nb: the words are what is read.

import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/render-html.js';
import type { RunReport } from '../../reports/run-report.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { fixtureReport } from './fixture.js';

const base = fixtureReport();
const html = (r: RunReport, lang: 'en' | 'nb' = 'en') => renderHtml(r, { lang });
const lines = (r: RunReport, lang: 'en' | 'nb' = 'en') => html(r, lang).split('\n');
/** The lines of one section, from its heading up to its closing tag. */
function section(r: RunReport, heading: string, lang: 'en' | 'nb' = 'en'): string[] {
  const all = lines(r, lang);
  const at = all.findIndex((l) => l.includes(`<h2>${heading}</h2>`));
  expect(at, heading).toBeGreaterThanOrEqual(0);
  return all.slice(at, all.findIndex((l, k) => k >= at && l.endsWith('</section>')) + 1);
}

describe('html: header', () => {
  it('marks an expectation that was not met, in en and nb', () => {
    const off = { ...base, verdict: { ...base.verdict, valid: true as const, expected: 'fail' as const, asExpected: false } };
    expect(html(off)).toContain('<p><span class="verdict pass" id="verdict" data-verdict="pass">Verdict: PASS</span><span class="expectation off">expected FAIL — NOT as expected</span></p>');
    expect(html(off, 'nb')).toContain('<p><span class="verdict pass" id="verdict" data-verdict="pass">Dom: BESTÅTT</span><span class="expectation off">forventet IKKE BESTÅTT — IKKE som forventet</span></p>');
    const unknown = { ...base, verdict: { ...base.verdict, valid: 'unknown' as const, expected: 'unknown' as const, asExpected: true } };
    expect(html(unknown)).toContain('<p><span class="verdict unknown" id="verdict" data-verdict="unknown">Verdict: UNKNOWN</span><span class="expectation">expected UNKNOWN — as expected</span></p>');
  });

  it('names the document in its language, with a title in that language', () => {
    const titled = { ...base, meta: { ...base.meta, title: { en: 'Two towns', nb: 'To byer' } } };
    expect(lines(titled).slice(0, 2)).toEqual(['<!DOCTYPE html>', '<html lang="en">']);
    expect(lines(titled, 'nb').slice(0, 2)).toEqual(['<!DOCTYPE html>', '<html lang="nb">']);
    expect(html(titled)).toContain('<title>Two towns — Delivery resilience report</title>');
    expect(html(titled, 'nb')).toContain('<title>To byer — Rapport om leveringssikkerhet</title>');
    expect(html(titled, 'nb')).toContain('<h1>To byer</h1>');
  });

  it('starts with the head a self-contained page needs, in order', () => {
    expect(lines(base).slice(0, 7)).toEqual([
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<title>Five municipalities, four behind the 2023 flaw — Delivery resilience report</title>',
    ]);
  });
});

describe('html: narrative', () => {
  it('makes one paragraph per blank-line block, folding line breaks and dropping empty blocks', () => {
    const told = { ...base, meta: { ...base.meta, narrative: '  First line\n   continues here.  \n \t\n\n\nSecond <b>para</b>\nends.\n\n  \n' } };
    expect(section(told, 'What this scenario is about')).toEqual([
      '<section class="narrative"><h2>What this scenario is about</h2><p>First line continues here.</p>',
      '<p>Second &lt;b&gt;para&lt;/b&gt; ends.</p></section>',
    ]);
    // A line of only spaces separates paragraphs too.
    const spaced = { ...base, meta: { ...base.meta, narrative: 'One  \n  \nTwo' } };
    expect(section(spaced, 'What this scenario is about')).toEqual(['<section class="narrative"><h2>What this scenario is about</h2><p>One</p>', '<p>Two</p></section>']);
  });
});

describe('html: checks and horizon', () => {
  it('shows an unknown check in its own colour', () => {
    const checks = [{ name: 'settled', valid: 'unknown' as const, summary: 'still moving', offenders: [] }];
    const rows = section({ ...base, verdict: { ...base.verdict, checks } }, 'Kontroller', 'nb');
    expect(rows[1]).toBe('<tr><td>Portalen var ferdig før kjøringen ble vurdert</td><td><span class="state unknown">UAVKLART</span></td><td>still moving</td></tr>');
  });

  it('warns when the horizon is short and when the run stopped early, and only then', () => {
    const notes = (r: RunReport, lang: 'en' | 'nb' = 'en') => section(r, lang === 'en' ? 'Checks' : 'Kontroller', lang).filter((l) => l.startsWith('<p class="note">'));
    expect(notes(base)).toEqual([]);
    expect(notes({ ...base, horizon: { ...base.horizon, reached: false } })).toEqual(['<p class="note">The horizon ends before the last retention window closes: some fates are not settled.</p>']);
    expect(notes({ ...base, horizon: { ...base.horizon, complete: false } }, 'nb')).toEqual(['<p class="note">Kjøringen ble stoppet tidlig; dommen gjelder bare det som ble kjørt.</p>']);
    expect(notes({ ...base, horizon: { ...base.horizon, reached: false, complete: false } })).toEqual([
      '<p class="note">The horizon ends before the last retention window closes: some fates are not settled.</p>',
      '<p class="note">The run was stopped early; the verdict covers only what ran.</p>',
    ]);
  });
});

describe('html: timeline', () => {
  const caption = (r: RunReport, lang: 'en' | 'nb' = 'en') => section(r, lang === 'en' ? 'Timeline' : 'Tidslinje', lang)[0];
  const bucketed = (bucketMs: number) => ({ ...base, timeline: { ...base.timeline, bucketMs } });

  it('names the bar width: hour below a day, day at a day, week above', () => {
    expect(caption(bucketed(DAY_MS - 1))).toContain('Reports sent per hour, coloured');
    expect(caption(bucketed(DAY_MS))).toContain('Reports sent per day, coloured');
    expect(caption(bucketed(7 * DAY_MS))).toContain('Reports sent per week, coloured');
    expect(caption(bucketed(DAY_MS), 'nb')).toContain('Meldinger sendt per døgn, farget');
    expect(caption(bucketed(DAY_MS + 1), 'nb')).toContain('Meldinger sendt per uke, farget');
  });

  it('without a ledger, shows no write failures in the legend and says why', () => {
    const planned = { ...base, timeline: { ...base.timeline, source: 'fault-plan' as const } };
    const timeline = section(planned, 'Timeline');
    expect(timeline.some((l) => l.includes('Write failures'))).toBe(false);
    expect(timeline.slice(-3)).toEqual(['</ul></figure>', '<p class="caption">The ledger was not kept for this run, so write failures are not shown.</p>', '</section>']);
    // With the ledger, the legend names write failures in their colour and no caption excuses them.
    const kept = section(base, 'Timeline');
    expect(kept).toContain('<li><svg viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="#5b1a1a" fill-opacity="1"/></svg>Write failures</li>');
    expect(kept.slice(-2)).toEqual(['</ul></figure>', '</section>']);
  });
});

describe('html: fates and receivers', () => {
  it('leaves the time-to-fallback line out when nothing fell back', () => {
    const none = { ...base, verdict: { ...base.verdict, timeToFallback: undefined } };
    expect(section(none, 'Fates').some((l) => l.includes('time to fallback'))).toBe(false);
    expect(section(base, 'Fates')).toContain('<p class="caption">time to fallback: min 34s, median 34s, p95 34s, max 34s</p>');
  });

  it('counts affected receivers only when there is more than one, and lists the worst only when some lost', () => {
    const fates = (r: RunReport, lang: 'en' | 'nb' = 'en') => section(r, lang === 'en' ? 'Fates' : 'Utfall', lang);
    expect(fates({ ...base, receivers: { ...base.receivers, total: 1, affected: 1 } }).some((l) => l.includes('Receivers with losses'))).toBe(false);
    const clean = fates({ ...base, receivers: { total: 2, affected: 0, worst: [] } }, 'nb');
    expect(clean.slice(-2)).toEqual(['<h3>Mottakere med tap</h3><p>0 av 2 mottakere mistet minst én melding.</p>', '</section>']);
    const worst = [{ id: 'a<b', sent: 1200, lost: 3, recovered: 2, fallback: 1 }];
    expect(fates({ ...base, receivers: { total: 2, affected: 1, worst } }, 'nb').slice(-5)).toEqual([
      '<h3>Mottakere med tap</h3><p>1 av 2 mottakere mistet minst én melding.</p>',
      '<table><thead><tr><th>Mottaker</th><th class="n">Meldinger</th><th class="n">tapt</th><th class="n">gjenopprettet</th><th class="n">reserve (skrevet ut)</th></tr></thead><tbody>',
      '<tr><td><code>a&lt;b</code></td><td class="n">1\u00a0200</td><td class="n">3</td><td class="n">2</td><td class="n">1</td></tr>',
      '</tbody></table>',
      '</section>',
    ]);
  });
});

describe('html: time to detection', () => {
  it('says so when nothing was detected, and leaves out the note when nothing was lost silently', () => {
    const none = { ...base, detection: { ...base.detection, distribution: undefined, inWindow: 0, late: 0, lateInWindow: 0, silent: 0 } };
    expect(section(none, 'Time to detection')).toEqual([
      '<section><h2>Time to detection</h2><p class="caption">How long each loss went unnoticed, against the 14d the portal keeps a message after its receipt.</p>',
      '<p>No loss was detected in this run.</p>',
      '</section>',
    ]);
    expect(section({ ...none, detection: { ...none.detection, silent: 1200 } }, 'Tid til oppdagelse', 'nb').slice(-2)).toEqual([
      '<p class="note">1\u00a0200 meldinger gikk tapt og ble aldri oppdaget.</p>',
      '</section>',
    ]);
  });

  it('lists late losses found in time apart from those found after the purge', () => {
    const found = { ...base, detection: { ...base.detection, inWindow: 3, late: 5, lateInWindow: 2 } };
    const legend = section(found, 'Time to detection').filter((l) => l.startsWith('<li>'));
    expect(legend).toEqual([
      '<li><svg viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="#d89b1e" fill-opacity="1"/></svg>detected in time (recoverable): 3</li>',
      '<li><svg viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="#d0582c" fill-opacity="1"/></svg>detected in time, not restored before the purge: 2</li>',
      '<li><svg viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="#d0582c" fill-opacity="1"/></svg>detected after the purge: 3</li>',
    ]);
  });
});

/** A calibration as `kvittering calibrate` sets it: one row within its target, one outside, one without; categories; an assumption. */
const calibration = {
  source: 'Review 2024',
  seeds: [1, 2, 3],
  rows: [
    { figure: { en: 'Lost reports', nb: 'Tapte meldinger' }, real: 12, source: undefined, median: 11, p10: 9, p90: 14, samples: 3, tolerance: 1.5, withinTolerance: true },
    { figure: 'Found late', real: 1, source: 'Audit', median: 4, p10: 3, p90: 6, samples: 3, tolerance: 2, withinTolerance: false },
    { figure: 'Late finds', real: undefined, source: 'Audit <2>', median: 2.5, p10: 1, p90: 4, samples: 3, tolerance: undefined, withinTolerance: undefined },
  ],
  categories: { a: 4, b: 3, c: 0, d: 1 },
  assumptions: [{ en: 'Backups run nightly', nb: 'Sikkerhetskopi hver natt' }, 'One <b>bold</b> guess'],
};

describe('html: calibration', () => {
  it('shows the table with rows outside their target marked, the categories and the assumptions, exactly', () => {
    expect(section({ ...base, calibration }, 'Calibration against the sources')).toEqual([
      '<section id="calibration"><h2>Calibration against the sources</h2><p class="caption">The same scenario over 3 seeds (1 to 3): the simulated median and its 10–90 % band beside each real figure and the source it comes from.</p>',
      '<table><thead><tr><th>Figure</th><th>Real</th><th>Simulated median</th><th>10–90 % band</th><th>Target</th><th>Source</th></tr></thead><tbody>',
      '<tr><td>Lost reports</td><td>12</td><td>11</td><td>9 – 14</td><td>within ×1.5</td><td class="caption">Review 2024</td></tr>',
      '<tr class="differs"><td>Found late</td><td>1</td><td>4</td><td>3 – 6</td><td>OUTSIDE ×2</td><td class="caption">Audit</td></tr>',
      '<tr><td>Late finds</td><td>–</td><td>2.5</td><td>1 – 4</td><td>–</td><td class="caption">Audit &lt;2&gt;</td></tr>',
      '</tbody></table>',
      '<h3>The review’s outcome categories (median over the seeds)</h3><table><tbody><tr><td>A: receipted, not stored, purged — content lost</td><td>4</td></tr><tr><td>B: noticed inside the window, re-sent from the portal</td><td>3</td></tr><tr><td>C: through SvarUt, recovered by manual download</td><td>0</td></tr><tr><td>D: re-sent by the reporter, fault unrecorded</td><td>1</td></tr></tbody></table>',
      '<h3>Calibration assumptions (the simulated figures follow from these, not from the real ones)</h3><ul><li>Backups run nightly</li><li>One &lt;b&gt;bold&lt;/b&gt; guess</li></ul>',
      '</section>',
    ]);
    expect(section({ ...base, calibration }, 'Kalibrering mot kildene', 'nb')).toContain('<tr><td>Tapte meldinger</td><td>12</td><td>11</td><td>9 – 14</td><td>innenfor ×1,5</td><td class="caption">Review 2024</td></tr>');
  });

  it('leaves the categories out when the calibration has none, and the section out without a calibration', () => {
    const { categories: _categories, ...plain } = calibration;
    const cal = section({ ...base, calibration: plain }, 'Calibration against the sources');
    expect(cal.some((l) => l.includes('outcome categories'))).toBe(false);
    expect(cal.slice(-3, -1)).toEqual(['</tbody></table>', '<h3>Calibration assumptions (the simulated figures follow from these, not from the real ones)</h3><ul><li>Backups run nightly</li><li>One &lt;b&gt;bold&lt;/b&gt; guess</li></ul>']);
    expect(html(base)).not.toContain('id="calibration"');
  });
});

describe('html: trace, reproducibility, footer', () => {
  it('shows no trace block when there is none, only why', () => {
    const none: RunReport = { ...base, trace: undefined, traceStatus: 'nothing-failed' };
    expect(section(none, 'Minimal failing trace')).toEqual([
      '<section><h2>Minimal failing trace</h2><p class="caption">Nothing was lost, so there is no failing trace.</p>',
      '</section>',
    ]);
  });

  it('names the scenario file only when there is one, and says a live run varies', () => {
    const { file: _file, ...meta } = base.meta;
    const live = { ...base, meta, config: { ...base.config, runtime: 'live' } } as unknown as RunReport;
    expect(section(live, 'Reproducibility')).toEqual([
      '<section><h2>Reproducibility</h2><dl class="repro">',
      '<dt>Tool version</dt><dd><code>0.1.0</code></dd>',
      '<dt>Scenario hash</dt><dd><code>sha256:0123456789abcdef</code></dd>',
      '<dt>Seed</dt><dd><code>17</code></dd>',
      '</dl>',
      '<p>Reproduce with:</p><pre id="command">npx kvittering run scenarios/report-fixture.yaml --seed 17 --format html --lang en</pre>',
      '<p>A live run in real time: counts vary from run to run; the seed fixes the order of the workload and the portal&#39;s choices, not the timing.</p>',
      '</section>',
    ]);
    expect(lines(base, 'nb').slice(-3)).toEqual([
      '<footer>kvittering 0.1.0 · <code>report-fixture</code> · IKKE BESTÅTT (forventet IKKE BESTÅTT — som forventet)</footer>',
      '</main></body></html>',
      '',
    ]);
  });
});
