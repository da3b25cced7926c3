// Every renderer on one small deterministic run: golden files (review a change to a report like a
// change to code), byte-identical output for the same seed, well-formed JUnit XML and SVG, and the
// numbers each format shows are the oracle's.

import { describe, expect, it } from 'vitest';
import { renderers, renderJUnitSuite, reportFormats } from '../../reports/renderers.js';
import { fates } from '../../harness/oracle/fates.js';
import { formatInteger, langs, messagesFor } from '../../reports/i18n.js';
import { elements, parseXml } from '../support/parse-xml.js';
import { fixtureMeta, fixtureReport, fixtureSeed } from './fixture.js';

const report = fixtureReport();

describe('the fixture', () => {
  it('gives every fate its own count, so a renderer that swaps two rows changes a golden file', () => {
    const counts = fates.map((f) => report.verdict.counts[f]);
    expect(new Set(counts).size).toBe(fates.length);
    // Only in-flight may be zero: every other row shows a number a swap would move.
    for (const f of fates) if (f !== 'in-flight') expect(report.verdict.counts[f], f).toBeGreaterThan(0);
  });
});

describe('the late-loss caption', () => {
  // lost-detected-late holds two stories: found in time but never restored, and found after the purge.
  const caption = (lang: 'en' | 'nb', late: number, lateInWindow: number) => {
    const html = renderers.html({ ...report, detection: { ...report.detection, late, lateInWindow } }, { lang });
    const row = html.split('\n').find((r) => r.startsWith('<tr>') && r.includes(`</svg>${messagesFor(lang).fateNames['lost-detected-late']}</td>`)) ?? '';
    return /<td class="caption">([^<]*)<\/td>/.exec(row)?.[1] ?? '';
  };

  it('says "in time, not restored" for a loss found while the portal held it, "too late" only after the purge (en, nb)', () => {
    expect(caption('en', 2, 2)).toBe('lost: detected in time, while the portal still held it, but not stored or printed again before the purge');
    expect(caption('en', 2, 2)).not.toMatch(/too late|had purged/);
    expect(caption('en', 2, 0)).toBe('lost, and detected too late: the portal had already purged it');
    expect(caption('en', 3, 1)).toBe('lost: detected, but not stored or printed again before the purge — 1 detected in time while the portal still held it, 2 only after the portal had purged it');
    expect(caption('nb', 2, 2)).toBe('tapt: oppdaget i tide, mens portalen fortsatt hadde den, men ikke lagret eller skrevet ut på nytt før slettingen');
    expect(caption('nb', 2, 2)).not.toMatch(/for sent|hadde slettet/);
    expect(caption('nb', 2, 0)).toBe('tapt, og oppdaget for sent: portalen hadde allerede slettet den');
    expect(caption('nb', 0, 0)).toBe(messagesFor('nb').fateExplain['lost-detected-late']);
  });

  it('the detection summary counts a late loss found in time apart from one found after the purge (Markdown, HTML)', () => {
    const split = { ...report, detection: { ...report.detection, late: 3, lateInWindow: 2 } };
    const md = renderers.markdown(split, { lang: 'en' });
    expect(md).toContain('detected in time, not restored before the purge: 2 · detected after the purge: 1 ·');
    const html = renderers.html(split, { lang: 'nb' });
    expect(html).toContain('oppdaget i tide, ikke gjenopprettet før slettingen: 2</li>');
    expect(html).toContain('oppdaget etter sletting: 1</li>');
    // With none found in time the line reads as before: every late loss was found after the purge.
    expect(renderers.markdown(report, { lang: 'en' })).toContain(`detected after the purge: ${report.detection.late} ·`);
  });

  it('the fixture counts its late losses from the oracle: found-in-time ones are a part of the late ones', () => {
    const late = report.detection.late;
    expect(late).toBe(report.verdict.counts['lost-detected-late']);
    expect(report.detection.lateInWindow).toBeGreaterThanOrEqual(0);
    expect(report.detection.lateInWindow).toBeLessThanOrEqual(late);
  });
});

describe('golden reports', () => {
  it.each(langs)('json, junit, markdown and html match the committed files (%s)', async (lang) => {
    for (const format of reportFormats) {
      if (format === 'json' && lang === 'nb') continue; // JSON carries no prose: one golden file.
      const ext = { json: 'json', junit: 'junit.xml', markdown: 'md', html: 'html' }[format];
      await expect(renderers[format](report, { lang })).toMatchFileSnapshot(`__golden__/fixture.${lang}.${ext}`);
    }
  });
});

describe('determinism', () => {
  it('renders byte-identical output from two independent runs with the same seed', () => {
    const again = fixtureReport();
    for (const format of reportFormats) {
      for (const lang of langs) expect(renderers[format](again, { lang })).toBe(renderers[format](report, { lang }));
    }
  });

  it('renders different output for another seed', () => {
    const other = fixtureReport(fixtureSeed + 1);
    expect(renderers.json(other, { lang: 'en' })).not.toBe(renderers.json(report, { lang: 'en' }));
  });

  it('writes no absolute path, hostname or wall-clock time', () => {
    for (const format of reportFormats) {
      const text = renderers[format](report, { lang: 'en' });
      expect(text).not.toContain(process.cwd());
      expect(text).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
    }
  });
});

describe('json', () => {
  it('parses back to the report, keys sorted at every level', () => {
    const text = renderers.json(report, { lang: 'en' });
    expect(JSON.parse(text)).toEqual(report);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('junit', () => {
  it('is well-formed, one testcase per check, no failure when the verdict is as expected', () => {
    const doc = parseXml(renderers.junit(report, { lang: 'en' }));
    expect(doc.name).toBe('testsuites');
    const cases = elements(doc, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual([
      'Promise: nothing lost unnoticed [promise]', 'No duplicate records [duplicates]', 'Horizon past every retention window [horizon]',
    ]);
    expect(elements(doc, 'failure')).toHaveLength(0);
    expect(doc.attributes.failures).toBe('0');
  });

  it('fails the checks that made the verdict differ, with the trace and the repro command in the body', () => {
    const surprised = fixtureReport(fixtureSeed, { ...fixtureMeta, expected: 'pass' });
    const doc = parseXml(renderers.junit(surprised, { lang: 'en' }));
    const failures = elements(doc, 'failure');
    expect(failures).toHaveLength(1);
    expect(doc.attributes.failures).toBe('1');
    const body = failures[0]?.text ?? '';
    expect(body).toContain('FAIL (expected PASS — NOT as expected)');
    expect(body).toContain(`#${surprised.trace?.msg} to ${surprised.trace?.receiver}`);
    expect(body).toContain('portal PURGES the content');
    expect(body).toContain(surprised.reproducibility.command);
    const c = surprised.verdict.counts;
    expect(c['lost-silent'] + c['lost-detected-late']).toBeGreaterThan(0);
    expect(failures[0]?.attributes.message).toContain(`${c['lost-silent'] + c['lost-detected-late'] + c['resent-by-reporter']} message(s) lost: ${c['lost-silent']} silently, ${c['lost-detected-late']} detected`);
  });

  it('fails every check when a setup expected to be unsafe passes', () => {
    const safe = fixtureReport(fixtureSeed, { ...fixtureMeta, expected: 'fail' }, true);
    expect(safe.verdict.valid).toBe(true);
    const doc = parseXml(renderers.junit(safe, { lang: 'en' }));
    expect(elements(doc, 'failure')).toHaveLength(3);
  });

  it('combines several scenarios into one well-formed file with summed counts', () => {
    const surprised = fixtureReport(fixtureSeed, { ...fixtureMeta, id: 'second', expected: 'pass' });
    const doc = parseXml(renderJUnitSuite([report, surprised], { lang: 'nb' }));
    expect(elements(doc, 'testsuite')).toHaveLength(2);
    expect(doc.attributes.tests).toBe('6');
    expect(doc.attributes.failures).toBe('1');
  });
});

/** The fate table's rows of a Markdown report, in order: [label, count]. */
function fateRows(md: string): string[][] {
  const lines = md.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| ') && lines[lines.indexOf(line) + 1]?.startsWith('| --- |'));
  return lines.slice(header + 2, header + 2 + fates.length).map((line) => line.split('|').slice(1, 3).map((cell) => cell.trim()));
}

describe('markdown', () => {
  it('has the verdict line, the fate table, the trace in a code block and the repro command', () => {
    const md = renderers.markdown(report, { lang: 'en' });
    const c = report.verdict.counts;
    expect(md).toContain('**Verdict: FAIL (expected FAIL — as expected)**');
    expect(fateRows(md)).toEqual(fates.map((f) => [messagesFor('en').fateNames[f], String(c[f])]));
    expect(md).toMatch(/```text\nday \d+ [\s\S]*portal PURGES[\s\S]*\n```/);
    expect(md).toContain(`\`\`\`sh\n${report.reproducibility.command}\n\`\`\``);
  });

  it('names the tool once, whether the version comes with its name or without', () => {
    const named = { ...report, reproducibility: { ...report.reproducibility, toolVersion: 'kvittering 0.1.0' } };
    for (const r of [report, named]) expect(renderers.markdown(r, { lang: 'en' })).toContain('<sub>kvittering 0.1.0 · ');
  });

  it('speaks Norwegian when asked', () => {
    const md = renderers.markdown(report, { lang: 'nb' });
    expect(md).toContain('**Dom: IKKE BESTÅTT (forventet IKKE BESTÅTT — som forventet)**');
    expect(md).toContain('portalen SLETTET');
    expect(md).not.toContain('lost silently');
    const m = messagesFor('nb');
    expect(fateRows(md)).toEqual(fates.map((f) => [m.fateNames[f], formatInteger(report.verdict.counts[f], m)]));
  });
});

describe('html', () => {
  it('is self-contained: no script, no external URL, a CSP that forbids fetching anything', () => {
    const html = renderers.html(report, { lang: 'en' });
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)=/i);
    expect(html.match(/https?:\/\/[^"\s]*/g) ?? []).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('embeds well-formed SVG charts: timeline with fault windows, fates, time to detection', () => {
    const html = renderers.html(report, { lang: 'en' });
    const svgs = [...html.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)].map((m) => parseXml(m[0]));
    expect(svgs.map((s) => elements(s, 'title')[0]?.text)).toEqual(['Timeline', 'Fates', 'Time to detection']);
    const faultBands = elements(svgs[0] ?? parseXml('<x/>'), 'g').filter((g) => g.attributes.class === 'fault');
    expect(faultBands).toHaveLength(report.timeline.faultWindows.length);
    const values = elements(svgs[1] ?? parseXml('<x/>'), 'text').filter((t) => t.attributes['data-fate'] !== undefined);
    expect(values.map((t) => [t.attributes['data-fate'], t.text.trim()])).toEqual(
      Object.entries(report.verdict.counts).map(([f, n]) => [f, String(n)]),
    );
  });

  it('shows every fate count and the verdict in the header cards', () => {
    const html = renderers.html(report, { lang: 'nb' });
    for (const [fate, count] of Object.entries(report.verdict.counts)) expect(html).toContain(`data-count="${fate}">${count}</span>`);
    expect(html).toContain('data-verdict="fail">Dom: IKKE BESTÅTT</span>');
    expect(html).toContain('<html lang="nb">');
  });
});
