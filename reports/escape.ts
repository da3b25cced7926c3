// Escaping for every text a renderer writes into XML, HTML, SVG or Markdown. Report text comes from
// scenario files (titles, narratives, receiver ids) and must never become markup: hostile input stays
// visible as text, and characters XML 1.0 forbids are replaced so the document still parses.

/** Characters XML 1.0 does not allow at all (C0 controls except tab/newline/return, lone surrogates, U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content and attribute values in XML, HTML and SVG. */
function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Inline Markdown text (also inside table cells): HTML specials become entities so GitHub renders no
 * tags; the punctuation that can open inline markup (emphasis, code, links, tables, strike-through) is
 * backslash-escaped; line breaks fold to spaces so a title cannot start a new block. Renderers never
 * put escaped text at the start of a line, so list and heading markers need no escape.
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
function markdownCodeBlock(body: string, info = ''): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body.replace(FORBIDDEN, '\uFFFD')}\n${fence}`;
}

/** Inline code span: a backtick fence longer than any run inside, padded when the text touches a backtick. */
function markdownCode(text: string): string {
  const clean = text.replace(FORBIDDEN, '\uFFFD').replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

export { escapeXml, escapeMarkdown, markdownCodeBlock, markdownCode };
