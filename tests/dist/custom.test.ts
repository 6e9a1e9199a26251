import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, projectCopy, root } from '../helpers/build';
import { Dist, listFiles } from '../helpers/dist';
import { engineEnv, engineSites } from './setup';

const out = join(root, 'tests/.output/custom');
const site = engineSites.astro;
const project = join(out, 'project');
const plain = join(out, 'plain');
const custom = join(out, 'custom');

/** The owner's overrides, as a blog owner would write them in src/custom/. */
const overrides: Record<string, string> = {
  'custom.css': ':root {\n  --accent: light-dark(#0b5394, #9fc5f8);\n}\n.owner-banner {\n  outline: 3px solid rebeccapurple;\n}\n',
  'Head.astro': '---\nimport type { HeadProps } from \'../data/custom\';\nconst { path } = Astro.props as HeadProps;\n---\n<meta name="owner-head" content={path} />\n',
  'Header.astro':
    '---\nimport type { HeaderProps } from \'../data/custom\';\nconst { siteTitle, homeUrl, nav } = Astro.props as HeaderProps;\n---\n<header class="owner-header"><a href={homeUrl}>{siteTitle} (owner)</a><nav aria-label="Main">{nav.map((l) => <a href={l.url}>{l.label}</a>)}</nav></header>\n',
  'Footer.astro':
    "---\nimport type { FooterProps } from '../data/custom';\nconst { author } = Astro.props as FooterProps;\n---\n<footer class=\"owner-footer\">Written by {author}, with the owner's footer.</footer>\n",
  'PostStart.astro':
    '---\nimport type { PostSlotProps } from \'../data/custom\';\nconst { title, date } = Astro.props as PostSlotProps;\n---\n<p class="owner-start">Before “{title}” ({date.slice(0, 10)})</p>\n',
  'PostEnd.astro':
    "---\nimport type { PostSlotProps } from '../data/custom';\nconst { url, tags } = Astro.props as PostSlotProps;\n---\n<aside class=\"owner-end\">Subscribe for more like <a href={url}>this</a>: {tags.map((t) => t.label).join(', ')}</aside>\n",
};

const build = (dist: string) => {
  const result = astroBuild({ contentDir: site.posts, outDir: dist, cacheDir: join(out, 'cache'), env: engineEnv(site), project });
  expect(result.status, result.output.slice(-2000)).toBe(0);
};

// The Astro engine site from a copy of the project: first with only a component of the
// owner's own that is no override (changes nothing), then, warm, with every override.
beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  projectCopy(project);
  mkdirSync(join(project, 'src/custom'), { recursive: true });
  writeFileSync(join(project, 'src/custom/Newsletter.astro'), '<p class="owner-unused">not an override</p>\n');
  build(plain);
  for (const [name, text] of Object.entries(overrides)) writeFileSync(join(project, 'src/custom', name), text);
  build(custom);
}, 600_000);

describe('src/custom/', () => {
  it('without overrides, the output is byte-identical to a build without the folder', () => {
    const files = listFiles(plain);
    expect(files).toEqual(listFiles(site.out));
    const differing = files.filter((file) => !readFileSync(join(plain, file)).equals(readFileSync(join(site.out, file))));
    expect(differing).toEqual([]);
  });

  it("renders Head, Header and Footer on every page, in place of Folio's header and footer", () => {
    const dist = new Dist(custom, site.base, site.site);
    const pages = dist.htmlFiles().filter((file) => !dist.read(file).includes('http-equiv="refresh"'));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) {
      const page = dist.html(file);
      expect(page.querySelector('head meta[name="owner-head"]')?.getAttribute('content'), file).toBeTruthy();
      expect(page.querySelector('body > header.owner-header'), file).not.toBeNull();
      expect(page.querySelector('footer.owner-footer')?.text, file).toMatch(/with the owner's footer/);
      expect(page.querySelector('header.site-header'), file).toBeNull();
      expect(page.querySelector('footer.site-footer'), file).toBeNull();
    }
    expect(dist.html('posts/first-post/index.html').querySelector('meta[name="owner-head"]')?.getAttribute('content')).toBe('/posts/first-post/');
  });

  it('renders PostStart and PostEnd on post pages only, with the post, outside the search index', () => {
    const dist = new Dist(custom, site.base, site.site);
    const post = dist.html('posts/first-post/index.html');
    const title = post.querySelector('h1')?.text.trim();
    expect(post.querySelector('.owner-start')?.text).toContain(`Before “${title}”`);
    expect(post.querySelector('.owner-start')?.closest('[data-pagefind-ignore]')).not.toBeNull();
    expect(post.querySelector('.owner-end a')?.getAttribute('href')).toBe('https://example.org/posts/first-post/');
    expect(post.querySelector('[data-pagefind-body] .owner-end')).toBeNull();
    expect(dist.html('index.html').querySelector('.owner-start, .owner-end')).toBeNull();
    expect(dist.searchFragments().some((f) => f.content.includes('Subscribe for more'))).toBe(false);
  });

  it("loads custom.css after Folio's styles, so its custom properties win", () => {
    const dist = new Dist(custom, site.base, site.site);
    const page = dist.read('posts/first-post/index.html');
    const sheets = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"|<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) =>
      m[1] ? readFileSync(join(custom, m[1].replace(/^\//, '')), 'utf8') : (m[2] ?? ''),
    );
    const css = sheets.join('\n');
    const folio = css.indexOf('--accent:light-dark(#a23b1e');
    const owner = css.indexOf('--accent:light-dark(#0b5394');
    expect(folio).toBeGreaterThanOrEqual(0);
    expect(owner).toBeGreaterThan(folio);
    expect(css).toContain('.owner-banner');
  });
});
