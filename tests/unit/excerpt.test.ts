import { describe, expect, it } from 'vitest';
import { excerpt, plainText, readingMinutes, withoutCode } from '../../src/lib/excerpt';

describe('plainText', () => {
  it('keeps the words and drops Markdown markup', () => {
    const md = [
      '## A heading',
      '',
      'The **tech lead** role means you take ~~cups of coffee~~ tickets and [read docs](https://x.org).',
      '',
      '- one item',
      '- [x] done item',
      '',
      '> a quote',
    ].join('\n');
    expect(plainText(md)).toBe('A heading The tech lead role means you take cups of coffee tickets and read docs. one item done item a quote');
  });

  it('drops code blocks, images, HTML comments and MDX imports', () => {
    const md = [
      "import Callout from '../components/Callout.astro';",
      '',
      'Before.',
      '',
      '```ts',
      'const secret = 1;',
      '```',
      '',
      '![a diagram](./d.png)',
      '<!-- hidden -->',
      '<Callout type="note">Inside the callout.</Callout>',
      'After `inline code`.',
    ].join('\n');
    expect(plainText(md)).toBe('Before. Inside the callout. After inline code.');
  });

  it('drops every line of a fenced block after a blank line, and of one never closed', () => {
    const md = 'Intro.\n\n```python showLineNumbers\n# a comment\ndef f(x):\n    return x\n```\n\nOutro.\n\n~~~\nnever closed\nstill code';
    expect(plainText(md)).toBe('Intro. Outro.');
  });

  it('copes with a byte-order mark and Windows line endings', () => {
    expect(plainText('\uFEFF# Title\r\n\r\nBody text.\r\n')).toBe('Title Body text.');
  });

  it('reads wikilinks as the page shows them (label, else the note) and drops embeds', () => {
    expect(plainText('See [[Gardening Log|the log]], [[Seed Catalogue]], [[Note#Part]] and [[#Part]]. ![[tomato.png|400]]Done.')).toBe('See the log, Seed Catalogue, Note and Part. Done.');
  });

  it('turns tables into their cell text', () => {
    expect(plainText('| a | b |\n|---|:--:|\n| 1 | 2 |')).toBe('a b 1 2');
  });
});

describe('excerpt', () => {
  it('returns short text unchanged', () => {
    expect(excerpt('Short and sweet.', 160)).toBe('Short and sweet.');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    // Six-character words: character 160 falls inside the 27th word, which is left out whole.
    const text = 'words '.repeat(100).trim();
    const out = excerpt(text, 160);
    expect(out).toBe(`${'words '.repeat(26).trim()}…`);
    expect(out.length).toBeLessThanOrEqual(161);
  });

  it('never splits a surrogate pair', () => {
    const out = excerpt('😀'.repeat(200), 50);
    expect(out).toBe(`${'😀'.repeat(50)}…`);
  });
});

describe('readingMinutes', () => {
  it('counts about 220 words a minute, at least one', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(220))).toBe(1);
    expect(readingMinutes('word '.repeat(1100))).toBe(5);
  });

  it('counts CJK text by characters', () => {
    expect(readingMinutes('日'.repeat(1500))).toBe(3);
  });
});

describe('withoutCode', () => {
  it('drops fenced blocks and inline code, keeps the prose', () => {
    const body = 'See [[Real]].\n\n```md\n[[Inside a fence]]\n```\n\nAnd `[[inline]]` or ``[[double `tick`]]`` here.\n~~~\n[[tilde]]\n~~~\n';
    const text = withoutCode(body);
    expect(text).toContain('[[Real]]');
    expect(text).not.toMatch(/Inside a fence|inline|double|tilde/);
    expect(text).toContain('here.');
  });
});
