// The formats the CLI can write (reports/render-options.ts, reports/renderers.ts): their names, the
// renderer each name selects, and the file extension each gets under --out.

import { describe, expect, it } from 'vitest';
import { reportExtensions, reportFormats, renderers } from '../../reports/renderers.js';
import { renderJson } from '../../reports/render-json.js';
import { renderJUnit } from '../../reports/render-junit.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderHtml } from '../../reports/render-html.js';

describe('report formats', () => {
  it('are json, junit, markdown and html, in that order', () => {
    expect(reportFormats).toEqual(['json', 'junit', 'markdown', 'html']);
  });

  it('each select their own renderer', () => {
    expect(renderers).toEqual({ json: renderJson, junit: renderJUnit, markdown: renderMarkdown, html: renderHtml });
  });

  it('each get their usual file extension', () => {
    expect(reportExtensions).toEqual({ json: 'json', junit: 'junit.xml', markdown: 'md', html: 'html' });
  });
});
