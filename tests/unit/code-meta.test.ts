import { describe, expect, it } from 'vitest';
import { hasCodeExtras, parseCodeMeta, parseLineRanges, usesCodeExtras, type CodeMeta } from '../../src/lib/code-meta';

const NONE: CodeMeta = { startLine: 1, highlight: [], added: [], removed: [], marks: [] };
const mark = (text: string, extra: Partial<{ kind: 'mark' | 'ins' | 'del'; pattern: boolean; occurrences: number[] }> = {}) => ({
  kind: 'mark',
  text,
  pattern: true,
  occurrences: [],
  ...extra,
});

describe('parseCodeMeta', () => {
  it('reads line numbers and marked lines as authors write them', () => {
    expect(parseCodeMeta('showLineNumbers {2,4-6}')).toEqual({ ...NONE, lineNumbers: true, highlight: [2, 4, 5, 6] });
    expect(parseCodeMeta('linenos')).toEqual({ ...NONE, lineNumbers: true });
    expect(parseCodeMeta(undefined)).toEqual(NONE);
    expect(parseCodeMeta('')).toEqual(NONE);
    expect(parseCodeMeta('{3-1, x, 0}')).toEqual(NONE);
    expect(parseCodeMeta('{1-999999999}').highlight.length).toBe(10_001);
    // several groups, repeats and spaces
    expect(parseCodeMeta('{5, 1-2} {2,3}').highlight).toEqual([1, 2, 3, 5]);
  });

  it('turns line numbers off for one block, and starts them where asked', () => {
    expect(parseCodeMeta('showLineNumbers=false').lineNumbers).toBe(false);
    expect(parseCodeMeta('linenos=false').lineNumbers).toBe(false);
    expect(parseCodeMeta('showLineNumbers=true').lineNumbers).toBe(true);
    // unsaid: the site's setting decides
    expect(parseCodeMeta('{2}').lineNumbers).toBeUndefined();
    expect(parseCodeMeta('showLineNumbers{5}')).toEqual({ ...NONE, lineNumbers: true, startLine: 5 });
    expect(parseCodeMeta('showLineNumbers startLineNumber=12').startLine).toBe(12);
    expect(parseCodeMeta('linenos linenostart=0').startLine).toBe(1);
  });

  it('reads a title in double or single quotes, with spaces, escapes and braces, or bare', () => {
    expect(parseCodeMeta('title="src/app.ts"').title).toBe('src/app.ts');
    expect(parseCodeMeta("title='My file.ts' {2}")).toEqual({ ...NONE, title: 'My file.ts', highlight: [2] });
    expect(parseCodeMeta('title="say \\"hi\\" {1}.ts" showLineNumbers')).toEqual({ ...NONE, title: 'say "hi" {1}.ts', lineNumbers: true });
    // braces and slashes inside the title are the title's
    expect(parseCodeMeta('title="a{1}/b/.ts"')).toEqual({ ...NONE, title: 'a{1}/b/.ts' });
    expect(parseCodeMeta('title=config.yml').title).toBe('config.yml');
    expect(parseCodeMeta('title=/etc/hosts /x/')).toEqual({ ...NONE, title: '/etc/hosts', marks: [mark('x')] });
    expect(parseCodeMeta('title=""').title).toBeUndefined();
  });

  it('reads marked text: /pattern/ with escapes, "text", occurrences, ins and del', () => {
    expect(parseCodeMeta('/answer/').marks).toEqual([mark('answer')]);
    expect(parseCodeMeta('/a\\/b/').marks).toEqual([mark('a/b')]);
    // other escapes are kept for the regular expression
    expect(parseCodeMeta('/print\\(x\\)/').marks).toEqual([mark('print\\(x\\)')]);
    expect(parseCodeMeta('/x y/ "two words" \'it\'').marks).toEqual([mark('x y'), mark('two words', { pattern: false }), mark('it', { pattern: false })]);
    expect(parseCodeMeta('/carrot/2-3').marks).toEqual([mark('carrot', { occurrences: [2, 3] })]);
    expect(parseCodeMeta('/age/#v').marks).toEqual([mark('age')]);
    expect(parseCodeMeta('ins="new" del=/old(er)?/ mark="x"').marks).toEqual([
      mark('new', { kind: 'ins', pattern: false }),
      mark('old(er)?', { kind: 'del' }),
      mark('x', { pattern: false }),
    ]);
  });

  it('reads lines added, removed and marked by name (Expressive Code)', () => {
    expect(parseCodeMeta('ins={2-3} del={1} mark={4}')).toEqual({ ...NONE, added: [2, 3], removed: [1], highlight: [4] });
  });

  it("reads Hugo's attributes in braces", () => {
    expect(parseCodeMeta('{linenos=table,hl_lines=[8,"15-17"],linenostart=199}')).toEqual({
      ...NONE,
      lineNumbers: true,
      startLine: 199,
      highlight: [8, 15, 16, 17],
    });
    expect(parseCodeMeta('{linenos=false}').lineNumbers).toBe(false);
    expect(parseCodeMeta('hl_lines=[2,"4-5"]').highlight).toEqual([2, 4, 5]);
  });

  it('reads everything together, in any order', () => {
    expect(parseCodeMeta('/answer/ title="src/app.ts" {2} showLineNumbers lang="ts" ins={3}')).toEqual({
      ...NONE,
      title: 'src/app.ts',
      lineNumbers: true,
      highlight: [2],
      added: [3],
      marks: [mark('answer')],
      lang: 'ts',
    });
  });

  it('ignores what it does not know, and never throws on garbage', () => {
    expect(parseCodeMeta('astro mdx:preview frame="terminal" data-x=1')).toEqual(NONE);
    for (const garbage of ['title="unclosed', '{1,2', '/unclosed', '"', "'", '//', '{}', '=', 'title=', '/ /', 'lang="a b"', '\\', '}{']) {
      expect(() => parseCodeMeta(garbage), garbage).not.toThrow();
    }
    expect(parseCodeMeta('title="unclosed {2}').highlight).toEqual([2]);
    expect(parseCodeMeta('//').marks).toEqual([]);
    expect(parseCodeMeta('lang="a b"').lang).toBeUndefined();
  });
});

describe('parseLineRanges', () => {
  it('reads lists and ranges as Folio, Hugo and Jekyll write them', () => {
    expect(parseLineRanges('2,4-6')).toEqual([2, 4, 5, 6]);
    expect(parseLineRanges('8 15-17')).toEqual([8, 15, 16, 17]);
    expect(parseLineRanges('[8,"15-17"]')).toEqual([8, 15, 16, 17]);
    expect(parseLineRanges('0, -1, a, 3-')).toEqual([]);
  });
});

describe('usesCodeExtras', () => {
  const fence = (info: string, code = 'x') => `Text.\n\n\`\`\`${info}\n${code}\n\`\`\`\n`;

  it('is true for a block with a title, numbers, marks, changes, a diff or notation', () => {
    for (const info of ['ts title="a.ts"', 'ts showLineNumbers', 'ts {2}', 'ts /x/', 'ts ins={1}', 'diff', 'Diff']) {
      expect(usesCodeExtras(fence(info), { lineNumbers: false }), info).toBe(true);
    }
    expect(usesCodeExtras(fence('ts', 'a // [!code ++]'), { lineNumbers: false })).toBe(true);
    expect(usesCodeExtras('~~~py {1}\nx\n~~~\n', { lineNumbers: false })).toBe(true);
  });

  it('is false for plain blocks, and for fences inside other fences', () => {
    expect(usesCodeExtras('No code at all.', { lineNumbers: false })).toBe(false);
    expect(usesCodeExtras(fence('ts') + fence(''), { lineNumbers: false })).toBe(false);
    // a fence shown inside a longer one is code, not a block
    expect(usesCodeExtras('````md\n```ts {2}\nx\n```\n````\n', { lineNumbers: false })).toBe(false);
    expect(usesCodeExtras(fence('ts showLineNumbers=false'), { lineNumbers: false })).toBe(false);
  });

  it('follows the site setting for line numbers, unless the block turns them off', () => {
    expect(usesCodeExtras(fence('ts'), { lineNumbers: true })).toBe(true);
    expect(usesCodeExtras(fence('ts showLineNumbers=false'), { lineNumbers: true })).toBe(false);
    expect(usesCodeExtras(fence('math'), { lineNumbers: true })).toBe(false);
    expect(usesCodeExtras('No code.', { lineNumbers: true })).toBe(false);
  });

  it('hasCodeExtras: only what the stylesheet draws', () => {
    expect(hasCodeExtras(parseCodeMeta('showLineNumbers=false lang="ts"'))).toBe(false);
    expect(hasCodeExtras(parseCodeMeta('title="a"'))).toBe(true);
  });
});
