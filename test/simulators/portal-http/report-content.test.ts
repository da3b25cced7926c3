// The bekymringsmelding.json a receiver downloads or is pushed: the same message id always gives the
// same bytes, the file metadata describes exactly those bytes, and each field stays inside what the
// protocol's receivers expect (a child's age 0–17, a reporter's workplace or relation from the lists).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportContent } from '../../../simulators/portal/http/report-content.js';

const WORKPLACE = /^\S.* (barnehage|skole|legekontor|helsestasjon)$/;
const RELATIONS = ['nabo', 'slekt', 'venn av familien', 'annen'];

describe('a report\'s synthetic content', () => {
  it('is the same bytes for the same id, and its metadata names, types, hashes and sizes those bytes', () => {
    const a = reportContent(1000, 'bergen', 'public', 1234);
    expect(reportContent(1000, 'bergen', 'public', 1234).bytes).toEqual(a.bytes);
    expect(reportContent(1001, 'bergen', 'public', 1234).bytes).not.toEqual(a.bytes);
    expect(JSON.parse(new TextDecoder().decode(a.bytes))).toEqual(a.json);
    expect(a.metadata).toEqual({ filnavn: 'bekymringsmelding.json', mimetype: 'application/json', sha256hash: createHash('sha256').update(a.bytes).digest('hex'), size: a.bytes.byteLength });
  });

  it('carries the id, kommune, reporter type and submission time, marked as test data', () => {
    const { json } = reportContent(42, 'oslo', 'private', 99);
    expect(Object.keys(json)).toEqual(['testdata', 'bekymringsmeldingId', 'kommune', 'meldertype', 'innsendt', 'barn', 'melder', 'beskrivelse']);
    expect(json).toMatchObject({ testdata: true, bekymringsmeldingId: 42, kommune: 'oslo', meldertype: 'privat', innsendt: 99 });
    expect(reportContent(42, 'oslo', 'public', 99).json.meldertype).toBe('offentlig');
  });

  it('names a child 0–17 years old, a public reporter\'s workplace, a private reporter\'s relation, and 2–4 sentences of TESTDATA text', () => {
    const ages = new Set<number>();
    const workplaces = new Set<string>();
    const relations = new Set<string>();
    const sentences = new Set<number>();
    for (let msg = 0; msg < 300; msg++) {
      const sender = msg % 2 === 0 ? 'public' : 'private';
      const json = reportContent(msg, 'bergen', sender, 0).json as { barn: { fornavn: string; alder: number; bosted: string }; melder: { virksomhet?: string; relasjon?: string }; beskrivelse: string };
      expect(json.barn.fornavn.length).toBeGreaterThan(0);
      expect(json.barn.bosted.length).toBeGreaterThan(0);
      expect(Number.isInteger(json.barn.alder)).toBe(true);
      ages.add(json.barn.alder);
      if (sender === 'public') {
        expect(Object.keys(json.melder)).toEqual(['virksomhet']);
        expect(json.melder.virksomhet).toMatch(WORKPLACE);
        workplaces.add((WORKPLACE.exec(json.melder.virksomhet as string) as RegExpExecArray)[1] as string);
      } else {
        expect(Object.keys(json.melder)).toEqual(['relasjon']);
        relations.add(json.melder.relasjon as string);
      }
      expect(json.beskrivelse.startsWith('TESTDATA: ')).toBe(true);
      sentences.add(json.beskrivelse.split('.').length - 1);
    }
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBe(17);
    expect([...workplaces].sort()).toEqual(['barnehage', 'helsestasjon', 'legekontor', 'skole']);
    expect([...relations].sort()).toEqual([...RELATIONS].sort());
    expect([...sentences].sort()).toEqual([2, 3, 4]);
  });
});
