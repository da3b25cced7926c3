// Synthetic data only: every generated report says it is test data, and no identity number kvittering
// makes can be a real person's. Covers both generators: the property-test content
// (harness/arbitraries/message-content.ts) and what the live portal sends to a system under test
// (simulators/portal/http/report-content.ts, the bekymringsmelding in every push and download).

import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSyntheticFodselsnummer, messageContentArbitrary, syntheticFodselsnummer, TESTDATA_MARKER } from '../../harness/arbitraries/index.js';
import { reportContent } from '../../simulators/portal/http/report-content.js';
import { propertyParameters } from '../support/property.js';

/** Could this be issued to a person? Fødselsnummer months 01–12 (D-numbers too: day + 40), H-numbers 41–52. */
function hasRealMonth(fnr: string): boolean {
  const month = Number(fnr.slice(2, 4));
  return (month >= 1 && month <= 12) || (month >= 41 && month <= 52);
}

describe('synthetic data only', () => {
  it('generated content is marked as test data and its identity numbers cannot be real', () => {
    fc.assert(fc.property(messageContentArbitrary(), (content) => {
      expect(content.testdata).toBe(true);
      expect(content.concern.startsWith(TESTDATA_MARKER)).toBe(true);
      expect(isSyntheticFodselsnummer(content.child.fodselsnummer)).toBe(true);
      expect(hasRealMonth(content.child.fodselsnummer)).toBe(false);
    }), propertyParameters(300));
  });

  it('every birth date 1940–2039 gives a synthetic number no person can hold', () => {
    let checked = 0;
    for (let t = Date.UTC(1940, 0, 1); t <= Date.UTC(2039, 11, 31); t += 7 * 86_400_000) {
      const fnr = syntheticFodselsnummer(new Date(t), t % 1000);
      expect(isSyntheticFodselsnummer(fnr)).toBe(true);
      expect(hasRealMonth(fnr)).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('what the live portal sends is marked as test data and carries no identity number', () => {
    fc.assert(fc.property(fc.nat({ max: 2 ** 47 }), fc.constantFrom('oslo', 'bergen'), fc.constantFrom<'public' | 'private'>('public', 'private'), (msg, kommune, sender) => {
      const { json, bytes } = reportContent(msg, kommune, sender, 0);
      expect(json.testdata).toBe(true);
      expect(String(json.beskrivelse)).toMatch(/^TESTDATA: /);
      const { bekymringsmeldingId: _id, ...rest } = json;
      // No 11-digit number (a fødselsnummer's shape) anywhere but the message id.
      expect(JSON.stringify(rest)).not.toMatch(/(?<!\d)\d{11}(?!\d)/);
      expect(new TextDecoder().decode(bytes)).toContain('"testdata":true');
    }), propertyParameters(200));
  });
});
