// What a CI reader sees in the JUnit file when a scenario's verdict is not the expected one: the
// failure's message and its whole body line by line (verdict, every check, the trace, the command),
// the expected-UNKNOWN case, the file property only when there is a file, and a live run's note.

import { describe, expect, it } from 'vitest';
import { renderJUnit } from '../../reports/render-junit.js';
import { messagesFor } from '../../reports/i18n.js';
import { traceLines } from '../../reports/report-text.js';
import { calibrationLines } from '../../reports/calibration-text.js';
import type { RunReport } from '../../reports/run-report.js';
import { elements, parseXml } from '../support/parse-xml.js';
import { fixtureMeta, fixtureReport, fixtureSeed } from './fixture.js';

const surprised = fixtureReport(fixtureSeed, { ...fixtureMeta, expected: 'pass' });
const doc = (r: RunReport, lang: 'en' | 'nb' = 'en') => parseXml(renderJUnit(r, { lang }));

describe('junit failure', () => {
  it('carries the verdict, every check, the trace and the command, line by line (en)', () => {
    const failures = elements(doc(surprised), 'failure');
    expect(failures).toHaveLength(1);
    const promise = surprised.verdict.checks[0]!;
    expect(failures[0]?.attributes.message).toBe(`Verdict FAIL (expected PASS — NOT as expected) — ${promise.summary}`);
    expect(failures[0]?.attributes.type).toBe('verdict-fail');
    const trace = traceLines(surprised, messagesFor('en')) ?? [];
    expect(trace.length).toBeGreaterThan(0);
    expect(failures[0]?.text.split('\n')).toEqual([
      'Verdict: FAIL (expected PASS — NOT as expected)',
      '',
      `FAIL  Promise: nothing lost unnoticed: ${promise.summary}`,
      'PASS  No duplicate records: no message stored twice',
      'PASS  Horizon past every retention window: the horizon reaches past every retention window',
      '',
      `Minimal failing trace: The first lost message, #${surprised.trace?.msg} to ${surprised.trace?.receiver} (lost, detected too late), with the faults around it.`,
      ...trace.map((l) => `  ${l}`),
      '',
      `Reproduce with: ${surprised.reproducibility.command}`,
    ]);
  });

  it('without a trace, says why and goes straight on to the command', () => {
    const safe = fixtureReport(fixtureSeed, { ...fixtureMeta, expected: 'fail' }, true);
    expect(safe.trace).toBeUndefined();
    const body = elements(doc(safe), 'failure')[0]?.text.split('\n') ?? [];
    expect(body.slice(-4)).toEqual(['', 'Minimal failing trace: Nothing was lost, so there is no failing trace.', '', `Reproduce with: ${safe.reproducibility.command}`]);
  });

  it('is worded in Norwegian when asked', () => {
    const failure = elements(doc(surprised, 'nb'), 'failure')[0];
    expect(failure?.attributes.message).toMatch(/^Dom IKKE BESTÅTT \(forventet BESTÅTT — IKKE som forventet\) — \d+ meldinger tapt: /);
    expect(failure?.text.split('\n').slice(0, 5)).toEqual([
      'Dom: IKKE BESTÅTT (forventet BESTÅTT — IKKE som forventet)',
      '',
      expect.stringMatching(/^IKKE BESTÅTT {2}Løftet: ingenting tapt uten at noen merker det: \d+ meldinger tapt: /),
      'BESTÅTT  Ingen doble poster: ingen melding lagret to ganger',
      'BESTÅTT  Horisonten når forbi hvert oppbevaringsvindu: horisonten når forbi hvert oppbevaringsvindu',
    ]);
  });

  it('expecting UNKNOWN, only the checks that are not UNKNOWN fail', () => {
    const r = fixtureReport(fixtureSeed, { ...fixtureMeta, expected: 'unknown' });
    const checks = [{ ...r.verdict.checks[0]!, valid: 'unknown' as const }, ...r.verdict.checks.slice(1)];
    const unknownExpected: RunReport = { ...r, verdict: { ...r.verdict, valid: true, asExpected: false, checks } };
    const cases = elements(doc(unknownExpected), 'testcase');
    expect(cases.map((c) => elements(c, 'failure').length)).toEqual([0, 1, 1]);
    expect(elements(doc(unknownExpected), 'failure')[0]?.attributes.type).toBe('verdict-pass');
  });
});

describe('junit properties and system-out', () => {
  it('names the scenario file only when there is one', () => {
    const props = (r: RunReport) => elements(doc(r), 'property').map((p) => p.attributes.name);
    expect(props(surprised)).toEqual(['scenario', 'expected', 'verdict', 'seed', 'toolVersion', 'scenarioHash', 'command', 'file']);
    const { file: _file, ...meta } = surprised.meta;
    expect(props({ ...surprised, meta })).toEqual(['scenario', 'expected', 'verdict', 'seed', 'toolVersion', 'scenarioHash', 'command']);
  });

  it('says under the command in system-out that a live run\'s counts vary, one line each', () => {
    const live = { ...surprised, config: { ...surprised.config, runtime: 'live' } } as unknown as RunReport;
    const out = elements(doc(live), 'system-out')[0]?.text;
    expect(out).toBe(`Reproduce with: ${surprised.reproducibility.command}\n${messagesFor('en').liveRunNote}`);
    expect(elements(doc(surprised), 'system-out')[0]?.text).toBe(`Reproduce with: ${surprised.reproducibility.command}`);
    const body = elements(doc(live), 'failure')[0]?.text.split('\n') ?? [];
    expect(body.slice(-2)).toEqual([`Reproduce with: ${surprised.reproducibility.command}`, messagesFor('en').liveRunNote]);
  });

  it('puts the calibration in system-out after the command, separated by a blank line', () => {
    const calibration = {
      source: 'Review 2024', seeds: [1, 2], assumptions: ['Backups run nightly'],
      rows: [{ figure: 'Lost reports', real: 12, source: undefined, median: 11, p10: 9, p90: 14, samples: 2, tolerance: 1.5, withinTolerance: false }],
    };
    const out = elements(doc({ ...surprised, calibration }), 'system-out')[0]?.text ?? '';
    const cal = calibrationLines(calibration, messagesFor('en'));
    expect(out).toBe([`Reproduce with: ${surprised.reproducibility.command}`, '', ...cal].join('\n'));
    expect(out).toContain('Lost reports');
    expect(out).toContain('Backups run nightly');
  });
});
