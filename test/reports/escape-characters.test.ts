// Each escape in reports/escape.ts, character by character: the five XML specials, every C0 control XML
// 1.0 forbids (and the three it allows), lone and paired surrogates, U+FFFE/U+FFFF, the Markdown
// punctuation that opens inline markup, line breaks, and the backtick fences. An escape that misses one
// character lets scenario text become markup in a regulator's report — a security bug, not a typo.

import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeXml, markdownCode, markdownCodeBlock } from '../../reports/escape.js';

const controls = Array.from({ length: 32 }, (_, k) => String.fromCharCode(k));
const allowed = new Set(['\t', '\n', '\r']);
const HIGH = '\uD83D';
const LOW = '\uDE00';

describe('escapeXml', () => {
  it('writes each XML special as its entity, ampersands first so no entity is escaped twice', () => {
    expect(escapeXml('&')).toBe('&amp;');
    expect(escapeXml('<')).toBe('&lt;');
    expect(escapeXml('>')).toBe('&gt;');
    expect(escapeXml('"')).toBe('&quot;');
    expect(escapeXml('\'')).toBe('&#39;');
    expect(escapeXml('a && b <<c>> "d" \'e\' &amp;')).toBe('a &amp;&amp; b &lt;&lt;c&gt;&gt; &quot;d&quot; &#39;e&#39; &amp;amp;');
  });

  it('replaces every C0 control XML forbids with U+FFFD, and keeps tab, newline and return', () => {
    for (const c of controls) expect(escapeXml(`a${c}b`), `U+${c.charCodeAt(0).toString(16)}`).toBe(allowed.has(c) ? `a${c}b` : 'a\uFFFDb');
    expect(escapeXml(controls.join(''))).toBe('\uFFFD'.repeat(9) + '\t\n' + '\uFFFD'.repeat(2) + '\r' + '\uFFFD'.repeat(18));
  });

  it('replaces U+FFFE, U+FFFF and lone surrogates, and keeps a surrogate pair (an emoji) whole', () => {
    expect(escapeXml('x\uFFFEy\uFFFFz')).toBe('x\uFFFDy\uFFFDz');
    expect(escapeXml(`${HIGH}${LOW}`)).toBe('😀');
    expect(escapeXml(`a${HIGH}b`)).toBe('a\uFFFDb');
    expect(escapeXml(`a${LOW}b`)).toBe('a\uFFFDb');
    expect(escapeXml(`${HIGH}`)).toBe('\uFFFD');
    expect(escapeXml(`${LOW}`)).toBe('\uFFFD');
    // Reversed (low before high) is two lone halves.
    expect(escapeXml(`${LOW}${HIGH}`)).toBe('\uFFFD\uFFFD');
    expect(escapeXml(`${HIGH}${HIGH}${LOW}`)).toBe('\uFFFD😀');
    expect(escapeXml(`${HIGH}${LOW}${LOW}`)).toBe('😀\uFFFD');
    // Ordinary text, including Norwegian letters and U+FFFD itself, passes untouched.
    expect(escapeXml('Kristiansand æøå ÆØÅ – « » \uFFFD \uFFFC')).toBe('Kristiansand æøå ÆØÅ – « » \uFFFD \uFFFC');
  });
});

describe('escapeMarkdown', () => {
  it('backslash-escapes each character that opens inline markup', () => {
    for (const c of ['\\', '`', '*', '_', '[', ']', '|', '~']) expect(escapeMarkdown(`a${c}b`), c).toBe(`a\\${c}b`);
    expect(escapeMarkdown('**x** __y__ ~~z~~')).toBe('\\*\\*x\\*\\* \\_\\_y\\_\\_ \\~\\~z\\~\\~');
  });

  it('writes HTML specials as entities, and leaves quotes and other punctuation alone', () => {
    expect(escapeMarkdown('<b> & </b>')).toBe('&lt;b&gt; &amp; &lt;/b&gt;');
    expect(escapeMarkdown('"q" \'s\' # - + ! ( ) . {}')).toBe('"q" \'s\' # - + ! ( ) . {}');
  });

  it('folds each run of line breaks to one space, so text cannot start a new block', () => {
    expect(escapeMarkdown('a\nb')).toBe('a b');
    expect(escapeMarkdown('a\r\n\r\n\nb\rc')).toBe('a b c');
    expect(escapeMarkdown('a\tb')).toBe('a\tb');
  });

  it('replaces characters XML forbids, as in the HTML report', () => {
    expect(escapeMarkdown(`a\u0000b\u001b${LOW}c`)).toBe('a\uFFFDb\uFFFD\uFFFDc');
  });
});

describe('markdownCodeBlock', () => {
  it('fences with three backticks at least, and one more than the longest run inside', () => {
    expect(markdownCodeBlock('plain')).toBe('```\nplain\n```');
    expect(markdownCodeBlock('plain', 'sh')).toBe('```sh\nplain\n```');
    expect(markdownCodeBlock('a ` b `` c', 'text')).toBe('```text\na ` b `` c\n```');
    expect(markdownCodeBlock('```')).toBe('````\n```\n````');
    expect(markdownCodeBlock('x ```` y')).toBe('`````\nx ```` y\n`````');
  });

  it('keeps line breaks inside the block and replaces characters XML forbids', () => {
    expect(markdownCodeBlock('line 1\nline 2\u0007')).toBe('```\nline 1\nline 2\uFFFD\n```');
  });
});

describe('markdownCode', () => {
  it('uses one backtick more than the longest run inside', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('a`b``c`d')).toBe('```a`b``c`d```');
  });

  it('pads with a space when the text starts or ends with a backtick, and only then', () => {
    expect(markdownCode('`a')).toBe('`` `a ``');
    expect(markdownCode('a`')).toBe('`` a` ``');
    expect(markdownCode(' a ')).toBe('` a `');
  });

  it('folds line breaks to a space and replaces characters XML forbids', () => {
    expect(markdownCode('a\r\n\nb\u0001')).toBe('`a b\uFFFD`');
  });
});
