// Every report format, registered in one map: the CLI looks a format up here and writes the string it
// returns. Each renderer is pure — report and language in, text out — and lives in its own file.

import type { RunReport } from './run-report.js';
import { reportFormats, type ReportFormat, type RenderOptions } from './render-options.js';
import { renderJson } from './render-json.js';
import { renderJUnit, renderJUnitSuite } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderHtml } from './render-html.js';

type Renderer = (report: RunReport, options: RenderOptions) => string;

const renderers: Record<ReportFormat, Renderer> = {
  json: renderJson,
  junit: renderJUnit,
  markdown: renderMarkdown,
  html: renderHtml,
};

/** The usual file extension for a format, for the CLI's --out naming. */
const reportExtensions: Record<ReportFormat, string> = { json: 'json', junit: 'junit.xml', markdown: 'md', html: 'html' };

export { renderers, renderJUnitSuite, reportFormats, reportExtensions };
export type { ReportFormat, RenderOptions, Renderer };
