import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dist } from '../helpers/dist';
import { engines } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(engines.out, '/', engines.site);
});

const post = (path: string) => {
  const page = dist.html(`posts/${path}/index.html`);
  const times = page.querySelectorAll('.post-header time');
  return {
    page,
    title: page.querySelector('h1')?.text.trim(),
    date: times[0]?.text,
    updated: times[1]?.text,
    description: page.querySelector('meta[name=description]')?.getAttribute('content'),
    tags: page.querySelectorAll('.post-header .tags a').map((a) => a.text.trim()),
  };
};

describe('posts written for other engines publish as they are', () => {
  it('Hugo: offset datetime shown as written, lastmod, summary, categories, slug and aliases', () => {
    const p = post('hugo-style');
    expect(p.title).toBe('Hugo Post');
    expect(p.date).toBe('September 29, 2020');
    expect(p.updated).toBe('February 3, 2021');
    expect(p.description).toBe('Written for Hugo, with an offset datetime.');
    expect(p.tags).toEqual(['hugo', 'Go', 'Engines']);
    expect(dist.html('2020/09/hugo-post/index.html').querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
      'https://example.org/posts/hugo-style/',
    );
  });

  it('Jekyll: date with a spaced offset, space-separated categories, excerpt', () => {
    const p = post('jekyll/jekyll-post');
    expect(p.date).toBe('April 1, 2019');
    expect(p.page.querySelector('.post-header time')?.getAttribute('datetime')).toBe('2019-04-01T14:30:00+02:00');
    // engines merges with the Hugo post's Engines (one tag, one spelling)
    expect(p.tags).toEqual(['jekyll', 'Engines', 'ruby']);
    expect(p.description).toBe("A post in Jekyll's style.");
  });

  it('Quartz/Obsidian: created and modified dates, wikilinks to other posts', () => {
    const p = post('quartz/quartz-note');
    expect(p.date).toBe('February 2, 2022');
    expect(p.updated).toBe('March 3, 2022');
    const links = p.page.querySelectorAll('.prose a').map((a) => [a.text, a.getAttribute('href')]);
    expect(links).toEqual([
      ['the Hugo post', '/posts/hugo-style/'],
      ['Jekyll Post', '/posts/jekyll/jekyll-post/'],
    ]);
  });

  it('Eleventy: a quoted date is a calendar date', () => {
    expect(post('eleventy/eleventy-post').date).toBe('June 15, 2023');
  });

  it('Astro starter: human pubDate, updatedDate and an optimised hero image', () => {
    const p = post('astro-starter/first-post');
    expect(p.date).toBe('July 8, 2022');
    expect(p.updated).toBe('July 10, 2022');
    const cover = p.page.querySelector('img.cover');
    expect(cover?.getAttribute('src')).toMatch(/^\/_astro\/hero\..+\.webp$/);
    expect(cover?.getAttribute('width')).toBeTruthy();
    expect(dist.resolve(cover?.getAttribute('src') ?? '')).toBeDefined();
    // the cover is the social image too, so no card is generated for this post
    const og = p.page.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
    expect(og).toMatch(/^https:\/\/example\.org\/_astro\/hero\..+\.jpe?g$/);
    expect(dist.resolve(og)).toBeDefined();
    expect(p.page.querySelector('meta[property="og:image:type"]')?.getAttribute('content')).toBe('image/jpeg');
    expect(dist.files).not.toContain('og/astro-starter/first-post.jpg');
    expect(dist.files).toContain('og/quartz/quartz-note.jpg');
  });

  it('AstroPaper: pubDatetime, modDatetime, slug and an absolute ogImage used as is', () => {
    const p = post('adding-new-posts-in-astropaper-theme');
    expect(p.date).toBe('September 23, 2022');
    expect(p.updated).toBe('December 21, 2023');
    expect(p.page.querySelector('img.cover')?.getAttribute('src')).toBe('https://cdn.example.org/og.png');
    // a remote image's type is not known at build time: no og:image:type rather than a wrong one
    expect(p.page.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe('https://cdn.example.org/og.png');
    expect(p.page.querySelector('meta[property="og:image:type"]')).toBeNull();
  });

  it('unpublished posts in every engine style appear in no file', () => {
    for (const file of dist.files) {
      const text = readFileSync(join(dist.dir, file)).toString('latin1');
      expect(text.includes('ENGINEDRAFTMARKER'), file).toBe(false);
    }
  });
});
