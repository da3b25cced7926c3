// Colours shared by the HTML report's charts and legends: one per fate (green is safe, reds are
// losses), and a cycle of muted hues for fault windows so bands never hide the bars on top of them.

import type { Fate } from '../harness/oracle/fates.js';

const fateColours: Record<Fate, string> = {
  stored: '#2f7d4f',
  fallback: '#4f7cc0',
  recovered: '#d89b1e',
  'resent-by-reporter': '#b8741a',
  'lost-detected-late': '#d0582c',
  'lost-silent': '#9b1420',
  'in-flight': '#9a9a9a',
};

const faultHues = ['#7a5cc4', '#c47a1e', '#2a8c9a', '#b2457f', '#5a7a2a', '#44679e'] as const;

/** A stable colour for a fault kind: the n-th distinct kind in the run gets the n-th hue. */
function faultColour(kinds: readonly string[], kind: string): string {
  const i = Math.max(0, kinds.indexOf(kind));
  return faultHues[i % faultHues.length] as string;
}

const writeFailureColour = '#5b1a1a';

export { fateColours, faultColour, writeFailureColour };
