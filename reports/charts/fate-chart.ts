// The fate breakdown as inline SVG: one horizontal bar per fate, on a shared scale, with the count and
// share written beside it so the chart reads without the table (and in black-and-white print).

import { fates } from '../../harness/oracle/fates.js';
import type { ReportVerdict } from '../run-report.js';
import type { Messages } from '../i18n.js';
import { formatInteger, formatPercent } from '../i18n.js';
import { escapeXml } from '../escape.js';
import { fateColours } from '../palette.js';
import { n } from '../svg.js';

const WIDTH = 960;
const LABEL = 220;
const ROW = 30;

function fateChart(verdict: ReportVerdict, m: Messages): string {
  const max = Math.max(1, ...fates.map((f) => verdict.counts[f]));
  const barSpace = WIDTH - LABEL - 170;
  const height = fates.length * ROW + 8;
  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="fates-title" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="fates-title">${escapeXml(m.fates)}</title>`);
  fates.forEach((f, i) => {
    const count = verdict.counts[f];
    const y = 4 + i * ROW;
    const width = count === 0 ? 0 : Math.max(2, (count / max) * barSpace);
    out.push(`<text x="${LABEL - 10}" y="${n(y + 19)}" class="label" text-anchor="end">${escapeXml(m.fateNames[f])}</text>`);
    out.push(`<rect x="${LABEL}" y="${n(y + 4)}" width="${n(barSpace)}" height="20" class="track"/>`);
    if (width > 0) out.push(`<rect x="${LABEL}" y="${n(y + 4)}" width="${n(width)}" height="20" fill="${fateColours[f]}"/>`);
    out.push(`<text x="${n(LABEL + barSpace + 10)}" y="${n(y + 19)}" class="value" data-fate="${f}">${escapeXml(formatInteger(count, m))} <tspan class="muted">(${escapeXml(formatPercent(count, verdict.total, m))})</tspan></text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

export { fateChart };
