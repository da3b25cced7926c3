// The performance tables people read are generated from bench/results.json (npm run bench:docs), and
// the M/M/4 models the benchmark compares are the same queue: both agree with Erlang C.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/bench-results.js';
import { mm4Defaults, runMm4Bare, runMm4Kvittering } from '../../bench/mm4.js';
import { regenerated, renderAllRows, renderTargets } from '../../bench/render-docs.js';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('benchmark documents', () => {
  it('README and docs/benchmarks.md show the tables bench/results.json gives (run npm run bench:docs)', () => {
    const results = JSON.parse(readFileSync(`${root}/bench/results.json`, 'utf8')) as BenchResults;
    for (const doc of regenerated(root, results)) expect(doc.current, doc.path).toBe(doc.text);
  });

  it('every measured row names its commit', () => {
    const results = JSON.parse(readFileSync(`${root}/bench/results.json`, 'utf8')) as BenchResults;
    for (const row of results.rows) expect(row.commit ?? row.carriedFrom?.commit, `${row.section} / ${row.metric}`).toMatch(/^[0-9a-f]{7,}$/);
  });
});

describe('commit of each row', () => {
  const row = (metric: string, extra: Partial<BenchResults['rows'][number]>) => ({
    section: 'runtime', metric, unit: 'msgs/s', median: 10, min: 9, max: 11, runs: 3, target: { op: '>=' as const, value: 1 }, ...extra,
  });
  const results: BenchResults = {
    generatedAt: '2026-12-02T00:00:00.000Z', commit: 'bbbbbbb', dirty: false,
    machine: { nproc: 2, cpuModel: 'x', node: 'v20', platform: 'linux x64', totalMemoryGiB: 1 },
    loadAverage: { start: [1], end: [1] },
    rows: [
      row('now', { commit: 'bbbbbbb' }),
      row('kept', { commit: 'aaaaaaa', carriedFrom: { commit: 'aaaaaaa', generatedAt: '2026-12-01T00:00:00.000Z' } }),
      row('edited', { commit: 'bbbbbbb', dirty: true }),
    ],
    raw: {},
  };

  it('marks a row measured at another commit than the run in bold, and a dirty tree in words', () => {
    for (const text of [renderTargets(results), renderAllRows(results)]) {
      const lineOf = (metric: string) => text.split('\n').find((l) => l.includes(`| ${metric}`)) ?? '';
      expect(lineOf('now')).toContain('| bbbbbbb |');
      expect(lineOf('kept')).toContain('| **aaaaaaa (older run)** |');
      expect(lineOf('edited')).toContain('| bbbbbbb (dirty tree) |');
    }
  });
});

describe('M/M/4 models', () => {
  /** Mean time in an M/M/c system (Erlang C), in units of the mean service time. */
  function erlangCMeanTime(lambda: number, c: number): number {
    let term = 1;
    let sum = 0;
    for (let k = 0; k < c; k++) {
      sum += term;
      term *= lambda / (k + 1);
    }
    const top = term * (c / (c - lambda));
    const waitProbability = top / (sum + top);
    return 1 + waitProbability / (c - lambda);
  }

  it('kvittering\'s database and the bare loop both give the Erlang C mean time in system', () => {
    const o = { ...mm4Defaults, messages: 60_000, timeoutMs: 1e12 };
    const expected = erlangCMeanTime(o.arrivalsPerS * (o.serviceMeanMs / 1000), o.workers) * o.serviceMeanMs;
    for (const stats of [runMm4Kvittering(o), runMm4Bare(o)]) {
      expect(stats.served).toBe(o.messages);
      expect(Math.abs(stats.meanLatencyMs - expected) / expected).toBeLessThan(0.15);
    }
  });
});
