// The JSON report's bytes (reports/render-json.ts): keys sorted at every depth, including objects
// inside lists; lists keep their order; null, numbers and strings as they are; two-space indent and one
// trailing newline — the same report always gives the same file, whatever order code built it in.

import { describe, expect, it } from 'vitest';
import { renderJson, sortKeys } from '../../reports/render-json.js';
import type { RunReport } from '../../reports/run-report.js';

describe('sortKeys', () => {
  it('sorts keys at every depth and inside lists, keeping list order and leaf values', () => {
    const sorted = sortKeys({ b: 1, a: { d: [{ z: 1, y: null }, 3, 'x', [{ q: 2, p: 1 }]], c: 'c' }, 'A': true });
    expect(JSON.stringify(sorted)).toBe('{"A":true,"a":{"c":"c","d":[{"y":null,"z":1},3,"x",[{"p":1,"q":2}]]},"b":1}');
  });

  it('returns leaves unchanged', () => {
    for (const leaf of [null, 0, 'text', false, undefined]) expect(sortKeys(leaf)).toBe(leaf);
  });
});

describe('renderJson', () => {
  it('writes two-space indented JSON with sorted keys and one trailing newline', () => {
    const report = { version: 1, format: 'kvittering-run-report', meta: { title: 'T', id: 'x' }, list: [2, 1] } as unknown as RunReport;
    expect(renderJson(report)).toBe('{\n  "format": "kvittering-run-report",\n  "list": [\n    2,\n    1\n  ],\n  "meta": {\n    "id": "x",\n    "title": "T"\n  },\n  "version": 1\n}\n');
  });
});
