// A regulator reads the Norwegian report: every shipped scenario's nb HTML and Markdown must carry no
// English word the renderers use. The list is built from the English message catalogue and the
// English trace phrases applied to every ledger entry the shipped scenarios produce, less the words
// Norwegian shares with English (portal, median …) and protocol names. Identifiers in code spans
// (parameter names, ids) are not prose and are left out.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishTracePhrases, type TracePhrases } from '../../harness/oracle/trace.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { localized } from '../../harness/scenario/localized.js';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { runScenario, type ScenarioRun } from '../../harness/scenario/run-scenario.js';
import { calibrate } from '../../harness/scenario/calibration.js';
import { compareReference } from '../../harness/scenario/compare-reference.js';
import { messagesFor, type Messages } from '../../reports/i18n.js';
import { faultKinds } from '../../harness/faults/fault-spec.js';
import { renderers } from '../../reports/renderers.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';

const dir = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** Words as a reader sees them; hyphenated ids ("org-with-role-3") stay one token. */
function words(text: string): Set<string> {
  return new Set([...text.matchAll(/\p{L}[\p{L}\d_'’-]*/gu)].map((m) => m[0].toLowerCase().replace(/[-'’]+$/, '')));
}

/** Every string a catalogue can produce: plain values, and functions given placeholder arguments. */
function catalogueText(m: Messages): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (['duration', 'instant', 'tracePhrases', 'lang', 'thousands', 'decimal'].includes(key)) return;
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') {
      const text = (value as (...args: string[]) => unknown)('0', '0', '0', 'lost');
      if (typeof text === 'string') out.push(text);
    } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(m, '');
  return out;
}

function phrased(entries: readonly LedgerEntry[], phrases: TracePhrases): string[] {
  return entries.map((e) => (phrases[e.kind] as (entry: LedgerEntry, who: string) => string)(e, 'X'));
}

const runs = new Map<string, ScenarioRun>();
for (const file of files) runs.set(file, runScenario(parseScenario(readFileSync(new URL(file, dir), 'utf8'), `scenarios/${file}`)));

// Shared by both languages, or names rather than words.
const shared = new Set(['to', 'system', 'last', 'portal', 'median', 'min', 'p95', 'parameter', 'total', 'status', 'ack', 'nack', 'x', 'kvittering', 'sql', 'server', 'altinn', 'svarut', 'json', 'html', 'junit', 'id', 'ms', 'd', 'h', 'm', 's', 'a', 'b', 'c']);

const nbEntries = [...runs.values()].flatMap((r) => r.result.ledger.entries);
const englishWords = new Set<string>();
for (const text of [...catalogueText(messagesFor('en')), ...phrased(nbEntries, englishTracePhrases)]) for (const w of words(text)) englishWords.add(w);
const norwegianWords = new Set<string>();
for (const text of [...catalogueText(messagesFor('nb')), ...phrased(nbEntries, messagesFor('nb').tracePhrases)]) for (const w of words(text)) norwegianWords.add(w);
// Fault kinds are identifiers (the timeline's tooltips name them as the scenario file does).
const identifiers = new Set<string>(faultKinds);
const englishOnly = new Set([...englishWords].filter((w) => !norwegianWords.has(w) && !shared.has(w) && !identifiers.has(w) && !/\d/.test(w)));

function report(file: string): RunReport {
  const run = runs.get(file) as ScenarioRun;
  const s = run.loaded.scenario;
  const r = buildRunReport({ id: s.id, title: s.title, narrative: s.narrative, expected: s.expected, file: `scenarios/${file}` }, run.result,
    { toolVersion: 'kvittering test', scenarioHash: run.loaded.hash, seed: run.seed, command: `kvittering run scenarios/${file} --lang nb` });
  const comparison = compareReference(run);
  if (comparison !== undefined) r.calibration = calibrate([run.seed], [comparison]);
  return r;
}

/** The prose of a rendered report: markup, styles and code spans removed; the trace block kept. */
function prose(text: string, format: 'html' | 'markdown'): string {
  if (format === 'markdown') {
    return text.replace(/^```(\w*)\n([\s\S]*?)^```$/gm, (_all, lang: string, body: string) => (lang === 'text' ? body : ''))
      .replace(/`[^`\n]*`/g, '').replace(/<\/?sub>/g, '');
  }
  return text.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<pre id="command">[\s\S]*?<\/pre>/g, '')
    .replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');
}

describe('Norwegian reports of the shipped scenarios', () => {
  it('the list of English words is a real list', () => {
    expect(englishOnly.size).toBeGreaterThan(150);
    for (const w of ['stored', 'lost', 'receipt', 'verdict', 'purges', 'detected', 're-sent']) expect(englishOnly, w).toContain(w);
  });

  it.each(files)('%s: every shipped scenario gives its title and narrative in both languages', (file) => {
    const s = (runs.get(file) as ScenarioRun).loaded.scenario;
    expect(typeof s.title, 'title: { en, nb }').toBe('object');
    expect(typeof s.narrative, 'narrative: { en, nb }').toBe('object');
  });

  it.each(files)('%s: the nb HTML and Markdown contain no English word the renderers use', (file) => {
    const r = report(file);
    for (const format of ['html', 'markdown'] as const) {
      const text = renderers[format](r, { lang: 'nb' });
      expect(text).toContain(localized(r.meta.title, 'nb').slice(0, 20));
      const leaked = [...words(prose(text, format))].filter((w) => englishOnly.has(w));
      expect(leaked, `${file} ${format}`).toEqual([]);
    }
  });
});
