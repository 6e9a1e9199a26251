import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, projectCopy, root, runScript } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engineEnv, engineSites } from './setup';

const out = join(root, 'tests/.output/authors');
const site = engineSites.astro;
const content = join(out, 'content');
let project = '';
let dist: Dist;

/** Sets a post's frontmatter `extra` lines (after the opening ---). */
const frontmatter = (file: string, extra: string) => {
  const path = join(content, 'posts', file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^---\n/, `---\n${extra}\n`));
};

const build = (name: string) => astroBuild({ contentDir: join(content, 'posts'), outDir: join(out, name, 'dist'), cacheDir: join(out, name, 'cache'), env: engineEnv(site), project });

// The Astro engine site with two authors beside its posts: one in YAML with a local avatar
// and links, one in Markdown (the body is the bio); posts name them by id, by name, or not at all.
beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  project = projectCopy(join(out, 'project'));
  cpSync(site.posts, join(content, 'posts'), { recursive: true });
  mkdirSync(join(content, 'authors'), { recursive: true });
  cpSync(join(site.posts, 'hero.png'), join(content, 'authors', 'ada.png'));
  writeFileSync(
    join(content, 'authors', 'ada.yaml'),
    'name: Ada Lovelace\nbio: Writes about engines & notes.\navatar: ./ada.png\nlinks:\n  - label: Mastodon\n    url: https://mastodon.example/@ada\n',
  );
  writeFileSync(
    join(content, 'authors', 'alan.md'),
    '---\nname: Alan Turing\navatar: https://example.net/alan.jpg\n---\nThinks about *machines*.\n\nSee [the paper](https://example.net/paper).\n',
  );
  // AstroPaper's posts say `author: Sat Naing`: a name, matched to this author.
  writeFileSync(join(content, 'authors', 'sat.yaml'), 'name: Sat Naing\n');
  frontmatter('first-post.md', 'author: ada');
  frontmatter('second-post.md', 'authors:\n  - alan\n  - Ada Lovelace');
  const result = build('dist');
  expect(result.status, result.output.slice(-2000)).toBe(0);
  dist = new Dist(join(out, 'dist', 'dist'), site.base, site.site);
}, 300_000);

const byline = (id: string) => dist.html(`posts/${id}/index.html`).querySelector('.post-header .meta');

describe('authors', () => {
  it('shows each post’s authors, linked to their pages, with avatars', () => {
    const first = byline('first-post');
    expect(first?.text.replace(/\s+/g, ' ')).toContain('by Ada Lovelace');
    expect(first?.querySelector('a[href="/authors/ada/"] img')?.getAttribute('width')).toBe('24');
    const second = byline('second-post');
    expect(second?.querySelectorAll('a').map((a) => [a.text.trim(), a.getAttribute('href')])).toEqual([
      ['Alan Turing', '/authors/alan/'],
      ['Ada Lovelace', '/authors/ada/'],
    ]);
    expect(second?.text.replace(/\s+/g, ' ')).toContain('Alan Turing and Ada Lovelace');
    // A post that names nobody on a site with several authors: no byline, the site's author in its data.
    expect(byline('markdown-style-guide')?.text).not.toContain(' by ');
  });

  it('has /authors/ and a page per author with bio, links (rel=me) and their posts', () => {
    const index = dist.html('authors/index.html');
    expect(index.querySelectorAll('.card-title a').map((a) => [a.text.trim(), a.getAttribute('href')])).toEqual([
      ['Ada Lovelace', '/authors/ada/'],
      ['Alan Turing', '/authors/alan/'],
      ['Sat Naing', '/authors/sat/'],
    ]);
    expect(byline('adding-new-posts-in-astropaper-theme')?.querySelector('a')?.getAttribute('href')).toBe('/authors/sat/');
    const ada = dist.html('authors/ada/index.html');
    expect(ada.querySelector('h1')?.text.trim()).toBe('Ada Lovelace');
    expect(ada.querySelector('.author-about p')?.text).toBe('Writes about engines & notes.');
    expect(ada.querySelector('a[rel="me"]')?.getAttribute('href')).toBe('https://mastodon.example/@ada');
    expect(ada.querySelectorAll('.post-list .card-title a').map((a) => a.getAttribute('href'))).toEqual(['/posts/second-post/', '/posts/first-post/']);
    // a Markdown author's text is their bio, rendered as written (emphasis and links kept); plain in the description
    const alan = dist.html('authors/alan/index.html');
    expect(alan.querySelector('.author-about p')?.text).toBe('Thinks about machines.');
    expect(alan.querySelector('.author-bio em')?.text).toBe('machines');
    expect(alan.querySelector('.author-bio a')?.getAttribute('href')).toBe('https://example.net/paper');
    expect(alan.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('Thinks about machines. See the paper.');
    const sitemap = dist.read('sitemap-0.xml');
    for (const url of ['/authors/', '/authors/ada/', '/authors/alan/']) expect(sitemap).toContain(`<loc>https://example.org${url}</loc>`);
  });

  it('names the authors in RSS (dc:creator), JSON Feed and JSON-LD', () => {
    const rss = dist.read('rss.xml');
    expect(rss).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
    const item = rss.split('<item>').find((i) => i.includes('/posts/second-post/'))!;
    expect([...item.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1])).toEqual(['Alan Turing', 'Ada Lovelace']);
    const json = JSON.parse(dist.read('feed.json')) as { items: { url: string; authors?: unknown }[] };
    expect(json.items.find((i) => i.url.endsWith('/posts/second-post/'))?.authors).toEqual([
      { name: 'Alan Turing', url: 'https://example.org/authors/alan/', avatar: 'https://example.net/alan.jpg' },
      { name: 'Ada Lovelace', url: 'https://example.org/authors/ada/' },
    ]);
    const ld = dist
      .html('posts/first-post/index.html')
      .querySelectorAll('script[type="application/ld+json"]')
      .map((s) => JSON.parse(s.text) as { '@type': string; author?: unknown })
      .find((d) => d['@type'] === 'BlogPosting');
    expect(ld?.author).toEqual([{ '@type': 'Person', name: 'Ada Lovelace', url: 'https://example.org/authors/ada/' }]);
  });

  it('stops the build on an author the site does not have, naming the post and the id; check:content says the same first', () => {
    const check = () => runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: join(content, 'posts'), ...engineEnv(site) });
    const before = check();
    expect(before.status, before.output).toBe(0);
    frontmatter('markdown-style-guide.md', 'author: grace');
    const result = build('unknown');
    expect(result.status).not.toBe(0);
    const words = /markdown-style-guide\.md: author "grace" is not one of the site's authors \(src\/content\/authors\/: ada, alan, sat\)/;
    expect(result.output).toMatch(words);
    const after = check();
    expect(after.status).toBe(1);
    expect(after.output).toMatch(/markdown-style-guide\.md\n {2}- author "grace" is not one of the site's authors \(src\/content\/authors\/: ada, alan, sat\)/);
  }, 300_000);
});
