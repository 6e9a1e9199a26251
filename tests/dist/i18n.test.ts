import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, projectCopy, root } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engineEnv, engineSites } from './setup';

const out = join(root, 'tests/.output/i18n');
const site = engineSites.astro;
const sites: Record<string, Dist> = {};

/** English words of Folio's interface that no page of another language may show. */
const ENGLISH = [
  'Skip to content',
  'Related posts',
  'min read',
  'Previous post',
  'Next post',
  'Older posts',
  'Newer posts',
  'Switch theme',
  'Page not found',
  'Nothing published',
  'Tagged “',
  'is written by',
  'Table of contents',
  'June 19, 2024',
  'Link to the section',
];

// The Astro engine site built in German and in Arabic (with one string of its own).
beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  const project = projectCopy(join(out, 'project'));
  for (const [name, settings] of Object.entries({ de: { lang: 'de', locale: 'de' }, ar: { lang: 'ar', locale: 'ar', strings: { 'nav.home': 'البداية' } } })) {
    const result = astroBuild({ contentDir: site.posts, outDir: join(out, name), cacheDir: join(out, `${name}-cache`), env: engineEnv(site, settings), project });
    expect(result.status, result.output.slice(-2000)).toBe(0);
    sites[name] = new Dist(join(out, name), site.base, site.site);
  }
}, 600_000);

const pages = (dist: Dist) => dist.htmlFiles().filter((f) => !dist.read(f).includes('http-equiv="refresh"'));
const text = (dist: Dist, file: string) => {
  const page = dist.html(file);
  // What the interface says (the posts' own words, titles and excerpts aside): its text, and
  // the names of links and regions.
  for (const own of page.querySelectorAll('.prose, h1, .card-title, .excerpt, .timeline a, .related a, .post-nav a, .tags, title')) own.remove();
  return [page.querySelector('body')?.text ?? '', ...page.querySelectorAll('[aria-label]').map((e) => e.getAttribute('aria-label') ?? '')].join('\n');
};

describe('the interface in German', () => {
  it('shows every string from the German table, none in English', () => {
    const de = sites['de']!;
    for (const file of pages(de)) {
      expect(de.html(file).querySelector('html')?.getAttribute('lang'), file).toBe('de');
      const shown = text(de, file);
      for (const english of ENGLISH) expect(shown, `${file}: ${english}`).not.toContain(english);
    }
    const home = de.html('index.html');
    expect(home.querySelectorAll('header nav a').map((a) => a.text.trim())).toEqual(['Start', 'Archiv', 'Schlagwörter', 'Suche', 'RSS']);
    expect(home.querySelector('.skip-link')?.text).toBe('Zum Inhalt springen');
    expect(de.html('posts/first-post/index.html').querySelector('.post-header .meta')?.text).toMatch(/\d+ Minuten? Lesezeit/);
    expect(de.html('tags/astropaper/index.html').querySelector('h1')?.text).toContain('Verschlagwortet mit „astropaper“');
    expect(de.html('404.html').querySelector('h1')?.text).toBe('Seite nicht gefunden');
    expect(de.html('posts/astropaper-toc/index.html').querySelector('.toc summary')?.text).toBe('Inhalt');
    expect(de.html('archive/index.html').querySelector('main')?.text).toContain('19. Juni 2024');
    expect(de.read('tags/astropaper/rss.xml')).toContain('Beiträge mit dem Schlagwort astropaper');
    // Search: Pagefind indexes the site with its German stemming (the wasm for the page's lang).
    expect(Object.keys((JSON.parse(de.read('pagefind/pagefind-entry.json')) as { languages: Record<string, { wasm: string }> }).languages)).toEqual(['de']);
  });
});

describe('the interface in Arabic', () => {
  it('is right to left, in Arabic, with the site’s own string', () => {
    const ar = sites['ar']!;
    for (const file of pages(ar)) {
      const html = ar.html(file).querySelector('html');
      expect(html?.getAttribute('dir'), file).toBe('rtl');
      expect(html?.getAttribute('lang'), file).toBe('ar');
      for (const english of ENGLISH) expect(text(ar, file), `${file}: ${english}`).not.toContain(english);
    }
    expect(
      ar
        .html('index.html')
        .querySelectorAll('header nav a')
        .map((a) => a.text.trim()),
    ).toEqual(['البداية', 'الأرشيف', 'الوسوم', 'البحث', 'RSS']);
    // Code stays left to right inside a right-to-left page.
    const css = ar.files
      // Folio's stylesheets (Pagefind's own UI stylesheet is not used by its pages)
      .filter((f) => f.startsWith('_astro/') && f.endsWith('.css'))
      .map((f) => readFileSync(join(ar.dir, f), 'utf8'))
      .join('\n');
    expect(css).toMatch(/direction:ltr/);
    expect(css).not.toMatch(/margin-left|margin-right|padding-left|border-left/);
  });
});
