import { markdownToHtml } from 'satteri';
import { describe, expect, it, vi } from 'vitest';
import { highlight } from '../../src/build/highlight-core';
import { closeHighlightPool, highlightBlock, planHighlighting, WORKERS_FROM_POSTS } from '../../src/build/highlight';
import { threadId } from 'node:worker_threads';
import { codeMetaPlugin, highlightPlugin } from '../../src/build/markdown';
import { parseCodeMeta } from '../../src/lib/code-meta';

describe('highlight', () => {
  it("produces Astro's <pre class=astro-code> with both themes as CSS variables", async () => {
    const { pre, warning } = await highlight({ code: 'const a: number = 1;\n', lang: 'ts' });
    expect(warning).toBeUndefined();
    expect(pre.tagName).toBe('pre');
    expect(pre.properties?.['class']).toMatch(/^astro-code astro-code-themes github-light-high-contrast github-dark-high-contrast$/);
    expect(pre.properties?.['dataLanguage']).toBe('ts');
    expect(pre.properties?.['style']).toMatch(/--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}.*overflow-x: auto;$/i);
    expect(JSON.stringify(pre)).toContain('--shiki-dark:');
  });

  it('falls back to plain text for an unknown language, with a warning', async () => {
    const { pre, warning } = await highlight({ code: 'x', lang: 'no-such-language' });
    expect(pre.properties?.['dataLanguage']).toBe('plaintext');
    expect(warning).toContain('"no-such-language"');
  });

  it('reads languages as authors write them: any case, Shiki aliases', async () => {
    for (const [lang, name] of [
      ['R', 'r'],
      ['Python', 'python'],
      ['JS', 'js'],
      ['Shell', 'shell'],
    ] as const) {
      const { pre, warning } = await highlight({ code: 'x <- 1', lang });
      expect(warning).toBeUndefined();
      expect(pre.properties?.['dataLanguage']).toBe(name);
      expect(JSON.stringify(pre)).toContain('--shiki-dark:');
    }
  });

  it('colours a line the same however long tokenizing it takes (no time limit per line)', async () => {
    const request = { code: 'const answer: number = 42; const other = "text" + answer;\n', lang: 'ts' };
    const normal = (await highlight(request)).pre;
    // a clock that jumps a second at every look: a line that "takes" longer than any limit
    let now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    try {
      expect((await highlight(request)).pre).toEqual(normal);
    } finally {
      clock.mockRestore();
    }
  });

  it('highlights here for a small site and in worker threads for a large one, with the same markup', async () => {
    const request = { code: 'def f(x):\n    return x * 2\n', lang: 'python' };
    const expected = (await highlight(request)).pre;
    planHighlighting(WORKERS_FROM_POSTS);
    const small = await Promise.all(Array.from({ length: 6 }, () => highlightBlock(request)));
    await closeHighlightPool();
    planHighlighting(WORKERS_FROM_POSTS + 1);
    const large = await Promise.all(Array.from({ length: 6 }, () => highlightBlock(request)));
    await closeHighlightPool();
    // a small site never starts the pool; a large one hands every block to the workers
    expect(small.every((r) => r.thread === threadId)).toBe(true);
    expect(large.every((r) => r.thread !== threadId && r.thread > 0)).toBe(true);
    for (const result of [...small, ...large]) expect(result.pre).toEqual(expected);
  });
});

describe('code meta', () => {
  it('reads line numbers and marked lines as authors write them', () => {
    expect(parseCodeMeta('showLineNumbers {2,4-6}')).toEqual({ lineNumbers: true, highlight: [2, 4, 5, 6] });
    expect(parseCodeMeta('linenos')).toEqual({ lineNumbers: true, highlight: [] });
    expect(parseCodeMeta('title="a{1}.ts"')).toEqual({ lineNumbers: false, highlight: [1] });
    expect(parseCodeMeta(undefined)).toEqual({ lineNumbers: false, highlight: [] });
    expect(parseCodeMeta('{3-1, x, 0}')).toEqual({ lineNumbers: false, highlight: [] });
    expect(parseCodeMeta('{1-999999999}').highlight.length).toBe(10_001);
  });

  it('numbers lines with a class (the numbers are CSS, not text) and marks the lines asked for', async () => {
    const { pre } = await highlight({ code: 'a\nb\nc\n', lang: 'txt', lineNumbers: true, highlight: [2] });
    expect(String(pre.properties?.['class'])).toMatch(/ line-numbers$/);
    const lines = (pre.children?.[0]?.children ?? []).filter((n) => n.tagName === 'span');
    expect(lines.map((n) => n.properties?.['class'])).toEqual(['line', 'line highlighted', 'line']);
    expect(JSON.stringify(pre)).not.toMatch(/"value":"[123]"/);
  });

  it('reaches the highlighter from a fence with raw HTML on, as posts are rendered (Sätteri drops the meta of <code> then)', async () => {
    const markdown = '<div>raw HTML</div>\n\n```python showLineNumbers {2}\nx = 1\ny = 2\n```\n';
    const { html } = await markdownToHtml(markdown, { mdastPlugins: [codeMetaPlugin()], hastPlugins: [highlightPlugin()], features: { rawHtml: true } });
    expect(html).toMatch(/<pre class="[^"]* line-numbers"/);
    expect(html.match(/class="line( highlighted)?"/g)).toEqual(['class="line"', 'class="line highlighted"']);
    expect(html).not.toContain('showLineNumbers');
  });
});
