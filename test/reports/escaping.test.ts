// Hostile scenario text stays text in every format: no element, attribute, link or code fence can be
// injected, and the XML formats still parse (characters XML forbids become U+FFFD).

import { describe, expect, it } from 'vitest';
import { renderers } from '../../reports/renderers.js';
import { escapeMarkdown, escapeXml, markdownCode, markdownCodeBlock } from '../../reports/escape.js';
import { elements, parseXml } from '../support/parse-xml.js';
import { hostileReceiver, hostileReport, hostileTitle } from './hostile.js';

const report = hostileReport();
const cleaned = hostileTitle.split('\u0000').join('\uFFFD').split('\u001b').join('\uFFFD');

describe('escapeXml', () => {
  it('round-trips any text through a strict XML parser', () => {
    const text = '<a href="x">&amp;</a> \'q\' ]]> \u0000 \uD800 ok \uD83D\uDE00';
    const doc = parseXml(`<r a="${escapeXml(text)}">${escapeXml(text)}</r>`);
    const expected = '<a href="x">&amp;</a> \'q\' ]]> \uFFFD \uFFFD ok \uD83D\uDE00';
    expect(doc.text).toBe(expected);
    expect(doc.attributes.a).toBe(expected);
  });
});

describe('markdown escaping', () => {
  it('neutralises inline markup and HTML', () => {
    expect(escapeMarkdown('*a* [b](c) `d` <e> | f\ng')).toBe('\\*a\\* \\[b\\](c) \\`d\\` &lt;e&gt; \\| f g');
  });

  it('picks a fence longer than any backtick run inside', () => {
    expect(markdownCodeBlock('a ``` b ```` c')).toBe('`````\na ``` b ```` c\n`````');
    expect(markdownCode('x `y` z')).toBe('``x `y` z``');
    expect(markdownCode('`edge`')).toBe('`` `edge` ``');
  });
});

describe('hostile scenario text', () => {
  it('stays text in the HTML report', () => {
    const html = renderers.html(report, { lang: 'en' });
    expect(html).not.toMatch(/<script|<img|<svg onload|<b>|<evil>/i);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<title>&lt;\/title&gt;&lt;script&gt;[^<]*— Delivery resilience report<\/title>/);
    for (const svg of html.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)) parseXml(svg[0]);
  });

  it('stays text in the JUnit XML, and parses back to the original', () => {
    const doc = parseXml(renderers.junit(report, { lang: 'en' }));
    const suite = elements(doc, 'testsuite')[0];
    expect(suite?.attributes.name).toBe(`evil<id>&": ${cleaned}`);
    const command = elements(doc, 'property').find((p) => p.attributes.name === 'command');
    expect(command?.attributes.value).toBe(report.reproducibility.command);
    const failure = elements(doc, 'failure')[0];
    expect(failure?.text).toContain(`to ${hostileReceiver}`);
  });

  it('stays text in the Markdown comment', () => {
    const md = renderers.markdown(report, { lang: 'en' });
    const heading = md.split('\n')[0] ?? '';
    expect(heading.startsWith('### ')).toBe(true);
    // Code spans and fenced blocks show their content literally; everywhere else no tag may survive.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(prose).not.toMatch(/<(?!sub>|\/sub>)/);
    expect(heading).toContain('\\[link\\](javascript:alert(1))');
    expect(heading).toContain('\\| pipe');
    // The table keeps its shape: header, rule, seven fates and the total.
    expect(md.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(10);
    // The command's backticks cannot close its fence.
    expect(md).toContain('````sh\nnpx kvittering run "a b.yaml" --title \'`x`\' ```<script>\n````');
  });

  it('keeps the JSON exact', () => {
    const parsed = JSON.parse(renderers.json(report, { lang: 'en' })) as typeof report;
    expect(parsed.meta.title).toBe(hostileTitle);
  });
});
