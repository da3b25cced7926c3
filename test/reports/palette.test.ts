// The report's colours (reports/palette.ts): one fixed colour per fate, shared by the cards, the legend
// and the charts, and fault windows coloured by the order their kind first appears, cycling after six.

import { describe, expect, it } from 'vitest';
import { fateColours, faultColour, writeFailureColour } from '../../reports/palette.js';

describe('fate colours', () => {
  it('are fixed per fate: green is safe, reds are losses', () => {
    expect(fateColours).toEqual({
      stored: '#2f7d4f',
      fallback: '#4f7cc0',
      recovered: '#d89b1e',
      'resent-by-reporter': '#b8741a',
      'lost-detected-late': '#d0582c',
      'lost-silent': '#9b1420',
      'in-flight': '#9a9a9a',
    });
    expect(writeFailureColour).toBe('#5b1a1a');
  });
});

describe('fault colours', () => {
  const kinds = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];

  it('give the n-th kind the n-th hue, cycling after six', () => {
    expect(kinds.map((k) => faultColour(kinds, k))).toEqual(['#7a5cc4', '#c47a1e', '#2a8c9a', '#b2457f', '#5a7a2a', '#44679e', '#7a5cc4', '#c47a1e']);
  });

  it('give a kind not in the list the first hue', () => {
    expect(faultColour(kinds, 'other')).toBe('#7a5cc4');
    expect(faultColour([], 'db-outage')).toBe('#7a5cc4');
  });
});
