import { markdownToHtml } from 'satteri';
import { describe, expect, it, vi } from 'vitest';
import { highlight, pairTheme, themedHast, type HastJson } from '../../src/markdown/highlight';
import { createHighlighter } from 'shiki';
import { transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import { LANGUAGES, SNIPPETS } from '../../scripts/bench/snippets';
import { toHtml } from 'hast-util-to-html';
import { codeBlocksPlugin, codeMetaPlugin, highlightPlugin } from '../../src/markdown/markdown';

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
});

describe('code blocks', () => {
  const html = (pre: HastJson) => toHtml(pre as never);
  /** The text each line shows, signs aside, as the copy button takes it. */
  const lineTexts = (pre: HastJson) =>
    (pre.children?.[0]?.children ?? [])
      .filter((n) => n.tagName === 'span')
      .map((line) => text({ ...line, children: line.children?.filter((c) => c.properties?.['class'] !== 'diff-sign') ?? [] }));
  const text = (node: HastJson): string => node.value ?? (node.children ?? []).map(text).join('');
  const lineClasses = (pre: HastJson) => (pre.children?.[0]?.children ?? []).filter((n) => n.tagName === 'span').map((n) => n.properties?.['class']);
  const signs = (pre: HastJson) =>
    (pre.children?.[0]?.children ?? []).filter((n) => n.tagName === 'span').map((line) => (line.children?.[0]?.properties?.['class'] === 'diff-sign' ? text(line.children[0]) : ''));

  it('numbers lines with a class (the numbers are CSS, not text) and marks the lines asked for', async () => {
    const { pre } = await highlight({ code: 'a\nb\nc\n', lang: 'txt', lineNumbers: true, highlight: [2] });
    expect(String(pre.properties?.['class'])).toMatch(/ line-numbers$/);
    expect(lineClasses(pre)).toEqual(['line', 'line highlighted', 'line']);
    expect(JSON.stringify(pre)).not.toMatch(/"value":"[123]"/);
    // from another number: a custom property the stylesheet's counter starts from
    const from = await highlight({ code: 'a\n', lang: 'txt', lineNumbers: true, startLine: 10 });
    expect(from.pre.properties?.['style']).toMatch(/--line-start:9;overflow-x: auto;$/);
    expect((await highlight({ code: 'a\n', lang: 'txt', startLine: 10 })).pre.properties?.['style']).not.toContain('--line-start');
  });

  it('leaves a block without meta or notation as it always was', async () => {
    const { pre } = await highlight({ code: 'const a = 1; // a comment\n', lang: 'ts', highlight: [], added: [], removed: [], marks: [] });
    expect(html(pre)).not.toMatch(/diff|mark|highlighted|has-/);
    expect(pre.properties?.['class']).toBe('astro-code astro-code-themes github-light-high-contrast github-dark-high-contrast');
    expect(lineTexts(pre)).toEqual(['const a = 1; // a comment']);
  });

  it('reads [!code ++], [!code --] and [!code highlight] in the comments of each language, and takes them out', async () => {
    const ts = (await highlight({ code: 'const a = 1; // [!code --]\nconst a = 2; // [!code ++]\nlog(a); // [!code highlight]\nend();\n', lang: 'ts' })).pre;
    expect(lineClasses(ts)).toEqual(['line diff remove', 'line diff add', 'line highlighted', 'line']);
    expect(lineTexts(ts)).toEqual(['const a = 1;', 'const a = 2;', 'log(a);', 'end();']);
    expect(signs(ts)).toEqual(['\u2212', '+', ' ', ' ']);
    // Python's #, on the line or on a line of its own (which marks the next line and goes)
    const py = (await highlight({ code: 'x = 1  # [!code ++]\n# [!code --]\ny = 2\nz = 3  # [!code hl]\n', lang: 'python' })).pre;
    expect(lineClasses(py)).toEqual(['line diff add', 'line diff remove', 'line highlighted']);
    expect(lineTexts(py)).toEqual(['x = 1', 'y = 2', 'z = 3']);
    // SQL's --, CSS's /* */ and HTML's <!-- -->
    for (const [lang, code] of [
      ['sql', 'select 1; -- [!code ++]'],
      ['css', 'a { color: red; } /* [!code ++] */'],
      ['html', '<p>hi</p> <!-- [!code ++] -->'],
    ] as const) {
      const { pre } = await highlight({ code, lang });
      expect(lineClasses(pre), lang).toEqual(['line diff add']);
      expect(html(pre), lang).not.toContain('[!code');
    }
  });

  it('shows an escaped notation as written, for posts about it, in any language (Markdown makes \\! a token of its own)', async () => {
    for (const lang of ['ts', 'md', 'txt']) {
      const { pre } = await highlight({ code: 'x = 1 // [\\!code ++] and [\\!code --]\n', lang, marks: [{ kind: 'mark', text: 'code --', pattern: false, occurrences: [] }] });
      expect(lineTexts(pre), lang).toEqual(['x = 1 // [!code ++] and [!code --]']);
      expect(lineClasses(pre), lang).toEqual(['line']);
      // marks are found in the text as shown
      expect(
        toHtml(pre as never)
          .match(/<mark>(.*?)<\/mark>/)?.[1]
          ?.replace(/<[^>]+>/g, ''),
        lang,
      ).toBe('code --');
    }
  });

  it('draws a diff block: signs instead of the +/- column, the code highlighted in the language asked for', async () => {
    const { pre } = await highlight({ code: '- const a = 1;\n+ const a = 2;\n  log(a);\n', lang: 'diff', diffLang: 'ts' });
    expect(pre.properties?.['dataLanguage']).toBe('diff');
    expect(lineClasses(pre)).toEqual(['line diff remove', 'line diff add', 'line']);
    expect(signs(pre)).toEqual(['\u2212', '+', ' ']);
    expect(lineTexts(pre)).toEqual(['const a = 1;', 'const a = 2;', 'log(a);']);
    // highlighted as TypeScript: `const` has a colour of its own
    const tokens = pre.children?.[0]?.children?.[0]?.children ?? [];
    expect(tokens.find((t) => text(t) === 'const')?.properties?.['style']).not.toEqual(tokens.find((t) => text(t) === ' a')?.properties?.['style']);
    // a real patch keeps its text, and has no signs added
    const patch = (await highlight({ code: '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n', lang: 'diff' })).pre;
    expect(lineTexts(patch)).toEqual(['--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b']);
    expect(lineClasses(patch).slice(3)).toEqual(['line diff remove', 'line diff add']);
    expect(html(patch)).not.toContain('diff-sign');
  });

  it('marks lines added and removed by meta, and text in <mark>, <ins> and <del>, keeping token colours inside', async () => {
    const { pre } = await highlight({
      code: 'const answer = 42;\nprint(answer)\n',
      lang: 'js',
      added: [2],
      marks: [
        { kind: 'mark', text: 'answer', pattern: true, occurrences: [1] },
        { kind: 'del', text: 'print', pattern: false, occurrences: [] },
      ],
    });
    expect(lineClasses(pre)).toEqual(['line', 'line diff add']);
    const out = html(pre);
    expect(out.match(/<mark>(.*?)<\/mark>/)?.[1]).toMatch(/^<span style="--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}">answer<\/span>$/i);
    expect(out.match(/<mark>/g)).toHaveLength(1);
    expect(out).toMatch(/<del><span[^>]*>print<\/span><\/del>/);
    expect(lineTexts(pre)).toEqual(['const answer = 42;', 'print(answer)']);
  });

  it('splits tokens at the edges of a mark', async () => {
    const { pre } = await highlight({ code: 'const answer = 42;\n', lang: 'js', marks: [{ kind: 'mark', text: 'nswe', pattern: false, occurrences: [] }] });
    expect(html(pre)).toMatch(/<span[^>]*> a<\/span><mark><span[^>]*>nswe<\/span><\/mark><span[^>]*>r<\/span>/);
    expect(lineTexts(pre)).toEqual(['const answer = 42;']);
  });

  it('reaches the highlighter from a fence with raw HTML on, as posts are rendered (Sätteri drops the meta of <code> then)', async () => {
    const markdown = '<div>raw HTML</div>\n\n```python showLineNumbers {2}\nx = 1\ny = 2\n```\n';
    const { html } = await markdownToHtml(markdown, { mdastPlugins: [codeMetaPlugin()], hastPlugins: [highlightPlugin()], features: { rawHtml: true } });
    expect(html).toMatch(/<pre class="[^"]* line-numbers"/);
    expect(html.match(/class="line( highlighted)?"/g)).toEqual(['class="line"', 'class="line highlighted"']);
    expect(html).not.toContain('showLineNumbers');
  });

  it("numbers every block with the site's lineNumbers setting, but a block that turns them off", async () => {
    const markdown = '```ts\na\n```\n\n```ts showLineNumbers=false\nb\n```\n\n```ts linenos=false\nc\n```\n';
    const render = async (lineNumbers?: boolean) =>
      (await markdownToHtml(markdown, { mdastPlugins: [codeMetaPlugin()], hastPlugins: [highlightPlugin(lineNumbers === undefined ? {} : { lineNumbers })], features: { rawHtml: true } }))
        .html;
    expect((await render(true)).match(/<pre class="[^"]*"/g)?.map((c) => c.includes('line-numbers'))).toEqual([true, false, false]);
    // off by default
    expect(await render()).not.toContain('line-numbers');
    expect((await render(false)).replace(/showLineNumbers=false|linenos=false/g, '')).toBe((await render()).replace(/showLineNumbers=false|linenos=false/g, ''));
  });

  it('puts a title in the header as the caption of a <figure>; a block without one keeps its <div>', async () => {
    const options = { mdastPlugins: [codeMetaPlugin()], hastPlugins: [highlightPlugin(), codeBlocksPlugin()], features: { rawHtml: true } };
    const titled = (await markdownToHtml('```ts title="src/app <1>.ts" /x/\nconst x = 1;\n```\n', options)).html;
    expect(titled).toMatch(
      /^<figure class="code-block"><figcaption class="code-header"><span class="code-title">src\/app &lt;1&gt;.ts<\/span> <span class="code-lang">ts<\/span><\/figcaption><pre /,
    );
    expect(titled).not.toMatch(/data-folio/);
    const plain = (await markdownToHtml('```ts\nconst x = 1;\n```\n', options)).html;
    expect(plain).toMatch(/^<div class="code-block"><div class="code-header"><span class="code-lang">ts<\/span><\/div><pre /);
  });
});

describe('both themes from one pass of the grammar', () => {
  // What the pass has to get right: token edges where either theme's colour changes, font
  // styles, backgrounds that only split tokens (diff), whitespace joining the next token,
  // embedded languages, plain text and ANSI (which keep Shiki's two passes).
  const samples: [string, string][] = [
    ...LANGUAGES.flatMap((lang) => SNIPPETS[lang].map((code) => [lang, code.replaceAll('%Name%', 'Widget').replaceAll(/%\w+%/g, 'value')] as [string, string])),
    ['md', '# Title\n\nSome *emphasis*, **strong**, ~~gone~~ and a [link](https://example.com "t").\n\n- item   with   spaces\n\n```js\nconst a = 1;\n```\n'],
    ['diff', '--- a/x.ts\n+++ b/x.ts\n@@ -1,2 +1,2 @@\n-const a = 1;\n+const a = 2;\n unchanged\n'],
    ['html', '<!doctype html>\n<style>body { color: red; }</style>\n<script>const x = `t${1}`;</script>\n<p class="a">Hi &amp; bye</p>\n'],
    ['yaml', 'title: "Post"\ntags:\n  - a # comment\ndate: 2024-03-03\n'],
    ['sql', "SELECT id, name FROM users WHERE name LIKE '%a%' -- find\nORDER BY id DESC;\n"],
    ['c', '#include <stdio.h>\nint main(void) { printf("%d\\n", 42); /* done */ return 0; }\n'],
    ['astro', '---\nconst { title } = Astro.props;\n---\n<h1 class:list={["a", { b: true }]}>{title}</h1>\n'],
    ['tsx', 'export const A = ({ n }: { n: number }) => <div data-n={n}>{n > 1 ? "many" : "one"}</div>;\n'],
    ['toml', '[build]\ncommand = "npm run build" # the build\n'],
    ['text', '  indented plain text\n\tand a tab\n'],
    ['ansi', '\u001b[31mred\u001b[0m and \u001b[1mbold\u001b[0m\n'],
    ['ts', '   \n\tconst spaced   =   1;   \n'],
  ];
  // what Folio's own transformers add (classes on <pre> from the notation comments) stays
  const notation = () => [transformerNotationDiff({ matchAlgorithm: 'v3' }), transformerNotationHighlight({ matchAlgorithm: 'v3' })];
  const noted = 'const a = 1; // [!code --]\nconst a = 2; // [!code ++]\nrun(a); // [!code highlight]\n';

  it("writes exactly Shiki's two-theme markup, in every language", async () => {
    expect(samples.length).toBeGreaterThan(25);
    for (const [lang, code] of samples) {
      const shikis = toHtml((await themedHast(code, lang, [], { twoPasses: true })) as never);
      const ours = toHtml((await themedHast(code, lang)) as never);
      expect(ours, `${lang}: ${code.slice(0, 40)}`).toBe(shikis);
      // and it is colour: each theme's own colour on the tokens
      if (lang !== 'text') expect(ours).toMatch(/--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}/i);
    }
  });

  it('keeps what the other transformers add to the block', async () => {
    const shikis = toHtml((await themedHast(noted, 'ts', notation(), { twoPasses: true })) as never);
    expect(shikis).toContain('class="shiki shiki-themes github-light-high-contrast github-dark-high-contrast has-diff has-highlighted"');
    expect(toHtml((await themedHast(noted, 'ts', notation())) as never)).toBe(shikis);
  });

  it('pairs GitHub light and dark, and leaves themes with other rules to Shiki', async () => {
    const h = await createHighlighter({ themes: ['github-light-high-contrast', 'github-dark-high-contrast', 'one-dark-pro'], langs: [] });
    const paired = pairTheme(h.getTheme('github-light-high-contrast'), h.getTheme('github-dark-high-contrast'));
    expect(paired?.theme.settings.length).toBe(h.getTheme('github-light-high-contrast').settings.length);
    // every stand-in colour names two real colours
    expect([...(paired?.colours.values() ?? [])].every(([a, b]) => /^#[0-9A-F]{6}$/.test(a) && /^#[0-9A-F]{6}$/.test(b))).toBe(true);
    expect(pairTheme(h.getTheme('github-light-high-contrast'), h.getTheme('one-dark-pro'))).toBeNull();
    h.dispose();
  });
});
