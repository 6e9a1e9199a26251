import { describe, expect, it } from 'vitest';
import { markRanges, readDiff } from '../../src/lib/code-lines';
import type { CodeMark } from '../../src/lib/code-meta';

describe('readDiff', () => {
  it('takes the +/- column out of code written with markers, naming the lines', () => {
    expect(readDiff('function f() {\n-  return 1;\n+  return 2;\n}')).toEqual({
      code: 'function f() {\n  return 1;\n  return 2;\n}',
      added: [3],
      removed: [2],
      patch: false,
    });
  });

  it('drops the column every line shares when the author lined the code up with the markers', () => {
    // "+ x" with context indented by two spaces, as in most blog posts
    expect(readDiff('- const a = 1;\n+ const a = 2;\n  console.log(a);\n\n    nested();').code).toBe('const a = 1;\nconst a = 2;\nconsole.log(a);\n\n  nested();');
    // git's own layout: a space in front of context lines
    expect(readDiff(' keep\n-old\n+new').code).toBe('keep\nold\nnew');
  });

  it('reads ++ and -- as code, not markers', () => {
    expect(readDiff('++i;\n--j;\n+k;')).toEqual({ code: '++i;\n--j;\nk;', added: [3], removed: [], patch: false });
  });

  it('keeps a real patch as written, its lines named but its headers not', () => {
    const patch = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n same';
    expect(readDiff(patch)).toEqual({ code: patch, added: [6], removed: [5], patch: true });
    expect(readDiff('2c2\n< a\n---\n> b').patch).toBe(true);
  });

  it('leaves a block without markers alone', () => {
    expect(readDiff('a\n  b\n')).toEqual({ code: 'a\n  b\n', added: [], removed: [], patch: false });
  });
});

describe('markRanges', () => {
  const m = (text: string, extra: Partial<CodeMark> = {}): CodeMark => ({ kind: 'mark', text, pattern: true, occurrences: [], ...extra });

  it('marks every occurrence of the text, line by line', () => {
    expect(markRanges(['a = answer + answer', 'no', 'answer'], [m('answer')])).toEqual([
      [
        { start: 4, end: 10, kind: 'mark' },
        { start: 13, end: 19, kind: 'mark' },
      ],
      [],
      [{ start: 0, end: 6, kind: 'mark' }],
    ]);
  });

  it('reads /pattern/ both as text and as a regular expression; "text" only as text', () => {
    // as text (rehype-pretty-code): the parentheses are the code's
    expect(markRanges(['print(x)'], [m('print(x)')])).toEqual([[{ start: 0, end: 8, kind: 'mark' }]]);
    // as a regular expression (Expressive Code)
    expect(markRanges(['let a1 = b22'], [m('\\d+')])).toEqual([
      [
        { start: 5, end: 6, kind: 'mark' },
        { start: 10, end: 12, kind: 'mark' },
      ],
    ]);
    expect(markRanges(['a1'], [m('\\d+', { pattern: false })])).toEqual([[]]);
    // capture groups: only what they capture
    expect(markRanges(['const value = 1'], [m('const (\\w+)')])).toEqual([[{ start: 6, end: 11, kind: 'mark' }]]);
    // not a regular expression: text only, no error
    expect(markRanges(['f(('], [m('(')])).toEqual([
      [
        { start: 1, end: 2, kind: 'mark' },
        { start: 2, end: 3, kind: 'mark' },
      ],
    ]);
  });

  it('counts occurrences through the block', () => {
    expect(markRanges(['x x', 'x'], [m('x', { occurrences: [2, 3] })])).toEqual([[{ start: 2, end: 3, kind: 'mark' }], [{ start: 0, end: 1, kind: 'mark' }]]);
  });

  it('resolves overlaps: the earlier stretch wins, the longer at a tie', () => {
    expect(markRanges(['abcdef'], [m('cde', { kind: 'del' }), m('abcd'), m('ef', { kind: 'ins' })])).toEqual([
      [
        { start: 0, end: 4, kind: 'mark' },
        { start: 4, end: 6, kind: 'ins' },
      ],
    ]);
  });

  it('ignores empty matches and bounds the marks of a line', () => {
    expect(markRanges(['abc'], [m('x*')])).toEqual([[]]);
    expect(markRanges(['a'.repeat(1000)], [m('a')])[0]!.length).toBe(200);
  });
});
