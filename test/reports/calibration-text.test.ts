// The calibration table in plain text (terminal, JUnit system-out): every cell in the report's
// language — thousands and decimals, a missing real value, within or OUTSIDE the target, none — the
// columns aligned to their widest cell (the last one unpadded), categories A–D (0 for one not given),
// the assumptions, and the caption for one seed or many.

import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../harness/scenario/calibration.js';
import { calibrationLines, calibrationText } from '../../reports/calibration-text.js';
import { messagesFor } from '../../reports/i18n.js';

const calibration = {
  source: 'Review 2024',
  seeds: [4, 9, 11],
  rows: [
    { figure: { en: 'Lost reports', nb: 'Tapte meldinger' }, real: 1200, source: undefined, median: 1100.25, p10: 9, p90: 1400, samples: 3, tolerance: 1.5, withinTolerance: true },
    { figure: 'Late finds', real: undefined, source: 'Audit', median: 2.5, p10: 1, p90: 4, samples: 3, tolerance: undefined, withinTolerance: undefined },
    { figure: 'Ø', real: 0, source: 'Tilsynet', median: 3, p10: 0, p90: 7.25, samples: 3, tolerance: 2, withinTolerance: false },
  ],
  // The review's categories with C and D not given: they show as 0.
  categories: { a: 4, b: 3 },
  assumptions: [{ en: 'Backups run nightly', nb: 'Sikkerhetskopi hver natt' }, 'Plain'],
} as unknown as Calibration;

describe('calibrationLines', () => {
  it('words and aligns the whole table in English', () => {
    expect(calibrationLines(calibration, messagesFor('en'))).toEqual([
      'Calibration against the sources',
      'The same scenario over 3 seeds (4 to 11): the simulated median and its 10–90 % band beside each real figure and the source it comes from.',
      '',
      'Figure        Real   Simulated median  10–90 % band  Target       Source',
      '------------  -----  ----------------  ------------  -----------  -----------',
      'Lost reports  1,200  1,100.3           9 – 1,400     within ×1.5  Review 2024',
      'Late finds    –      2.5               1 – 4         –            Audit',
      'Ø             0      3                 0 – 7.3       OUTSIDE ×2   Tilsynet',
      '',
      'The review’s outcome categories (median over the seeds):',
      '  A: receipted, not stored, purged — content lost: 4',
      '  B: noticed inside the window, re-sent from the portal: 3',
      '  C: through SvarUt, recovered by manual download: 0',
      '  D: re-sent by the reporter, fault unrecorded: 0',
      '',
      'Calibration assumptions (the simulated figures follow from these, not from the real ones):',
      '  - Backups run nightly',
      '  - Plain',
    ]);
  });

  it('words and aligns it in Norwegian, with its own separators', () => {
    const nbsp = '\u00a0';
    expect(calibrationLines(calibration, messagesFor('nb')).slice(3, 14)).toEqual([
      'Tall             Faktisk  Simulert median  10–90 %-intervall  Mål            Kilde',
      '---------------  -------  ---------------  -----------------  -------------  -----------',
      `Tapte meldinger  1${nbsp}200    1${nbsp}100,3          9 – 1${nbsp}400          innenfor ×1,5  Review 2024`,
      'Late finds       –        2,5              1 – 4              –              Audit',
      'Ø                0        3                0 – 7,3            UTENFOR ×2     Tilsynet',
      '',
      'Gjennomgangens utfallskategorier (median over frøene):',
      '  A: kvittert, ikke lagret, slettet — innholdet tapt: 4',
      '  B: oppdaget innenfor vinduet, sendt på nytt fra portalen: 3',
      '  C: via SvarUt, gjenopprettet ved manuell nedlasting: 0',
      '  D: sendt på nytt av melder, feilen ikke registrert: 0',
    ]);
  });

  it('leaves out the categories when there are none, going straight to the assumptions', () => {
    const { categories: _categories, ...without } = calibration;
    expect(calibrationLines(without, messagesFor('en')).slice(7)).toEqual([
      'Ø             0      3                 0 – 7.3       OUTSIDE ×2   Tilsynet',
      '',
      'Calibration assumptions (the simulated figures follow from these, not from the real ones):',
      '  - Backups run nightly',
      '  - Plain',
    ]);
  });
});

describe('calibrationText', () => {
  it('gives each row’s target verdict for styling, and the categories as name and value', () => {
    const t = calibrationText(calibration, messagesFor('en'));
    expect(t.within).toEqual([true, undefined, false]);
    expect(t.categories.map(([, value]) => value)).toEqual(['4', '3', '0', '0']);
    expect(t.head).toEqual(['Figure', 'Real', 'Simulated median', '10–90 % band', 'Target', 'Source']);
    expect(calibrationText({ ...calibration, categories: undefined }, messagesFor('en')).categories).toEqual([]);
  });

  it('says so when the calibration is one seed only', () => {
    expect(calibrationText({ ...calibration, seeds: [7] }, messagesFor('en')).caption).toBe('This run’s seed (7) only — one seed says little; `kvittering calibrate` runs many: the simulated value beside each real figure and the source it comes from.');
    expect(calibrationText({ ...calibration, seeds: [3, 5] }, messagesFor('nb')).caption).toContain('2 frø (3 til 5)');
  });
});
