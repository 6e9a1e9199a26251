import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, root } from '../helpers/build';

// Highlighted code is cached with the rendered post (the content store and its body files):
// a warm build must render a post again when only a fence's meta changes, in Markdown and MDX,
// and every post when the lineNumbers setting does.
const work = join(root, 'tests/.output/code-rebuild');
const posts = join(work, 'posts');
const dist = join(work, 'dist');
const env = { SITE_URL: 'https://example.org', BASE_PATH: '/', FOLIO_NOW: '2026-01-01T00:00:00Z', NO_COLOR: '1' };
const build = (settings: Record<string, unknown> = {}) => {
  const result = astroBuild({ contentDir: posts, outDir: dist, cacheDir: join(work, 'cache'), env: { ...env, FOLIO_SETTINGS: JSON.stringify({ ogImages: false, ...settings }) } });
  expect(result.status, result.output.slice(-3000)).toBe(0);
  return result.output;
};
const post = (name: string, fence: string) =>
  writeFileSync(join(posts, name), `---\ntitle: ${name}\ndate: 2024-01-0${name.length % 9}\n---\nSome code:\n\n\`\`\`${fence}\nconst a = 1;\nconst b = 2;\n\`\`\`\n`);
const page = (id: string) => parse(readFileSync(join(dist, 'posts', id, 'index.html'), 'utf8'));
/** What the page shows of its code block: the caption, the classes of its lines and <pre>, its stylesheet. */
const block = (id: string) => {
  const html = page(id);
  const pre = html.querySelector('.code-block pre')!;
  return {
    title: html.querySelector('.code-title')?.text,
    lines: parse(pre.innerHTML)
      .querySelectorAll('.line')
      .map((l) => l.classNames),
    numbered: pre.classNames.includes('line-numbers'),
    stylesheet: html.querySelectorAll('link[rel=stylesheet]').some((l) => /code-blocks\./.test(l.getAttribute('href') ?? '')),
  };
};

const states: Record<string, Record<string, ReturnType<typeof block>>> = {};
const snap = () => Object.fromEntries(['md', 'mdx', 'plain'].map((id) => [id, block(id)]));

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(posts, { recursive: true });
  post('md.md', 'ts {1}');
  post('mdx.mdx', 'ts {1}');
  post('plain.md', 'ts');
  build();
  states['cold'] = snap();
  // only the meta changes
  post('md.md', 'ts title="a.ts" {2}');
  post('mdx.mdx', 'ts title="b.ts" {2}');
  build();
  states['meta'] = snap();
  // only the setting changes
  build({ lineNumbers: true });
  states['setting'] = snap();
}, 600_000);

describe('a warm rebuild of code blocks', () => {
  it('starts from what the meta asked for', () => {
    expect(states['cold']).toEqual({
      md: { title: undefined, lines: ['line highlighted', 'line'], numbered: false, stylesheet: true },
      mdx: { title: undefined, lines: ['line highlighted', 'line'], numbered: false, stylesheet: true },
      plain: { title: undefined, lines: ['line', 'line'], numbered: false, stylesheet: false },
    });
  });

  it('renders a post again when only the meta of its fence changes, Markdown and MDX', () => {
    expect(states['meta']?.['md']).toEqual({ title: 'a.ts', lines: ['line', 'line highlighted'], numbered: false, stylesheet: true });
    expect(states['meta']?.['mdx']).toEqual({ title: 'b.ts', lines: ['line', 'line highlighted'], numbered: false, stylesheet: true });
    expect(states['meta']?.['plain']).toEqual(states['cold']?.['plain']);
  });

  it('renders every post again when the lineNumbers setting changes, and loads the stylesheet where it is now needed', () => {
    for (const id of ['md', 'mdx', 'plain']) expect(states['setting']?.[id]?.numbered, id).toBe(true);
    expect(states['setting']?.['plain']?.stylesheet).toBe(true);
  });
});
