// The machine-readable report: the RunReport itself, keys sorted at every level so the bytes do not
// depend on the order code happened to build objects in, two-space indent, one trailing newline.
// Language does not change it: machines read ids, not prose.

import type { RunReport } from './run-report.js';
import type { RenderOptions } from './render-options.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

function renderJson(report: RunReport, _options?: RenderOptions): string {
  return `${JSON.stringify(sortKeys(report), null, 2)}\n`;
}

export { renderJson, sortKeys };
