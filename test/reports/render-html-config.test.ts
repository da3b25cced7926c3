// The HTML report's configuration tables beyond the golden fixture: receivers with identical settings
// folded into one column (with the id list cut at 30), more groups than the six columns shown, settings
// only some groups have, null and list values, a workload of explicit messages, and an empty fault plan.
// A regulator checks the exact setup here, so every cell is pinned.

import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/render-html.js';
import type { RunReport } from '../../reports/run-report.js';
import { fixtureReport } from './fixture.js';

const base = fixtureReport();

function withConfig(change: Record<string, unknown>): RunReport {
  return { ...base, config: { ...base.config, ...change } };
}

/** The lines from one `<h3>` heading of the configuration up to the next one (or the section's end). */
function part(r: RunReport, heading: string, lang: 'en' | 'nb' = 'en'): string[] {
  const all = renderHtml(r, { lang }).split('\n');
  const at = all.findIndex((l) => l.startsWith(`<h3>${heading}`));
  expect(at, heading).toBeGreaterThanOrEqual(0);
  const end = all.findIndex((l, k) => k > at && (l.startsWith('<h3>') || l === '</section>'));
  return all.slice(at, end);
}

const ids = (n: number, prefix = 'r') => Array.from({ length: n }, (_, k) => `${prefix}${String(k + 1).padStart(4, '0')}`);

describe('html: receivers with identical settings', () => {
  it('fold into one column that names 30 ids and counts the rest; no row is marked as differing', () => {
    const receivers = ids(1230).map((id) => ({ id, weight: 1, caseSystem: { ackPolicy: 'before-commit', retryBackoffMs: 0 } }));
    const head = ids(30).map((id) => `<code>${id}</code>`).join(', ');
    expect(part(withConfig({ receivers }), 'Receivers (')).toEqual([
      '<h3>Receivers (1,230)</h3>',
      `<table class="params"><thead><tr><th>Parameter</th><th>${head} … (+1,200)</th></tr></thead><tbody>`,
      '<tr><td><code>weight</code></td><td>1</td></tr>',
      '<tr><td><code>caseSystem.ackPolicy</code></td><td><code>before-commit</code></td></tr>',
      '<tr><td><code>caseSystem.retryBackoffMs</code></td><td>0</td></tr>',
      '</tbody></table>',
    ]);
    expect(part(withConfig({ receivers }), 'Mottakere (', 'nb').slice(0, 2)).toEqual([
      '<h3>Mottakere (1\u00a0230)</h3>',
      `<table class="params"><thead><tr><th>Parameter</th><th>${head} … (+1\u00a0200)</th></tr></thead><tbody>`,
    ]);
  });

  it('name all ids, without a count, when there are 30 or fewer', () => {
    const receivers = ids(30).map((id) => ({ id, weight: 1 }));
    expect(part(withConfig({ receivers }), 'Receivers (')[1]).toBe(`<table class="params"><thead><tr><th>Parameter</th><th>${ids(30).map((id) => `<code>${id}</code>`).join(', ')}</th></tr></thead><tbody>`);
  });
});

describe('html: receivers in many groups', () => {
  // Eight settings groups: six columns are shown, the last two groups' receivers are counted below. A
  // setting without a value (null) is shown as null, even when its name says it is a duration.
  const receivers = [
    { id: 'a1', weight: 1, controls: { alertDelayMs: 3_600_000 } },
    { id: 'a2', weight: 1, controls: { alertDelayMs: 3_600_000 } },
    { id: 'b<1>', weight: 2, note: null, graceMs: null, tags: ['x', 'y'] },
    ...[3, 4, 5, 6, 7, 8].map((w) => ({ id: `w${w}`, weight: w })),
    { id: 'w8b', weight: 8 },
  ];

  it('show six columns, mark the rows that differ, show a dash for a setting a group lacks, and count the hidden receivers', () => {
    expect(part(withConfig({ receivers }), 'Receivers (')).toEqual([
      '<h3>Receivers (10)</h3>',
      '<table class="params"><thead><tr><th>Parameter</th><th><code>a1</code>, <code>a2</code></th><th><code>b&lt;1&gt;</code></th><th><code>w3</code></th><th><code>w4</code></th><th><code>w5</code></th><th><code>w6</code></th></tr></thead><tbody>',
      '<tr class="differs"><td><code>weight</code></td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td></tr>',
      '<tr class="differs"><td><code>controls.alertDelayMs</code></td><td>1h <span class="caption">(3600000)</span></td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td></tr>',
      '<tr class="differs"><td><code>note</code></td><td>–</td><td><code>null</code></td><td>–</td><td>–</td><td>–</td><td>–</td></tr>',
      '<tr class="differs"><td><code>graceMs</code></td><td>–</td><td><code>null</code></td><td>–</td><td>–</td><td>–</td><td>–</td></tr>',
      '<tr class="differs"><td><code>tags</code></td><td>–</td><td><code>[&quot;x&quot;,&quot;y&quot;]</code></td><td>–</td><td>–</td><td>–</td><td>–</td></tr>',
      '</tbody></table>',
      '<p class="caption">… and 3 more receivers (see the JSON report).</p>',
      '<p class="caption">Highlighted rows differ between receivers.</p>',
    ]);
    expect(part(withConfig({ receivers }), 'Mottakere (', 'nb').slice(-2)).toEqual([
      '<p class="caption">… og 3 mottakere til (se JSON-rapporten).</p>',
      '<p class="caption">Uthevede rader er ulike mellom mottakerne.</p>',
    ]);
  });

  it('count nothing hidden when every group has its column', () => {
    const six = receivers.slice(0, 7);
    const lines = part(withConfig({ receivers: six }), 'Receivers (');
    expect(lines[0]).toBe('<h3>Receivers (7)</h3>');
    expect(lines.slice(-2)).toEqual(['</tbody></table>', '<p class="caption">Highlighted rows differ between receivers.</p>']);
  });
});

describe('html: workload and fault plan', () => {
  it('counts explicit messages on the first workload row instead of listing them', () => {
    const workload = { messages: [{ atMs: 0 }, { atMs: 5 }, { atMs: 9 }], publicSharePct: 50, durationMs: 0 };
    expect(part(withConfig({ workload }), 'Workload')).toEqual([
      '<h3>Workload</h3>',
      '<table><thead><tr><th>Parameter</th><th>Value</th></tr></thead><tbody>',
      '<tr><td><code>messages</code></td><td><code>3 listed one by one</code></td></tr>',
      '<tr><td><code>publicSharePct</code></td><td>50</td></tr>',
      '<tr><td><code>durationMs</code></td><td>0</td></tr>',
      '</tbody></table>',
    ]);
    expect(part(withConfig({ workload }), 'Trafikk', 'nb')[2]).toBe('<tr><td><code>messages</code></td><td><code>3 oppgitt enkeltvis</code></td></tr>');
  });

  it('says so when no fault was injected', () => {
    expect(part(withConfig({ faults: [] }), 'Fault plan')).toEqual(['<h3>Fault plan</h3>', '<p>No faults injected.</p>']);
    expect(part(withConfig({ faults: [] }), 'Feilplan', 'nb')).toEqual(['<h3>Feilplan</h3>', '<p>Ingen feil lagt inn.</p>']);
  });

  it('lists a fault\'s targets and parameters, each value as a person reads it', () => {
    const faults = [{ kind: 'db-outage', targets: ['a<1>', 'b'], fromMs: 0, toMs: 90_000, label: 'night', sticky: true }, { kind: 'case-system-crash' }];
    expect(part(withConfig({ faults }), 'Fault plan')).toEqual([
      '<h3>Fault plan</h3>',
      '<table><thead><tr><th>Kind</th><th>Targets</th><th>Parameter</th></tr></thead><tbody>',
      '<tr><td><code>db-outage</code></td><td><code>a&lt;1&gt;</code>, <code>b</code></td><td><code>fromMs</code> 0<br><code>toMs</code> 1m 30s <span class="caption">(90000)</span><br><code>label</code> <code>night</code><br><code>sticky</code> <code>true</code></td></tr>',
      '<tr><td><code>case-system-crash</code></td><td>*</td><td></td></tr>',
      '</tbody></table>',
    ]);
  });
});
