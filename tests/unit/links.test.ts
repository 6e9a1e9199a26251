import { describe, expect, it } from 'vitest';
import { buildLinkIndex, mayLinkInternally, resolveLink } from '../../src/lib/links';

const index = buildLinkIndex({
  site: 'https://example.org',
  base: '/blog/',
  posts: [
    {
      url: '/blog/posts/old-post/',
      route: 'posts/old-post/',
      old: ['posts/2019-04-01-old-post/', '2019/04/01/old-post.html', 'post/old-post/', 'posts/old-name/'],
    },
    { url: '/blog/posts/caf%C3%A9/', route: 'posts/café/', old: ['the-permalink/', 'posts/old-post/'] },
  ],
  files: ['favicon.svg', 'docs/index.html', 'images/diagram.png'],
});
const rewrite = (href: string) => {
  const result = resolveLink(href, index);
  return result.kind === 'rewrite' ? result.href : result.kind;
};

describe('resolveLink', () => {
  it('rewrites every old address of a post to its URL, under the base, fragment and query kept', () => {
    expect(rewrite('/2019/04/01/old-post.html')).toBe('/blog/posts/old-post/');
    expect(rewrite('/blog/2019/04/01/old-post.html#part')).toBe('/blog/posts/old-post/#part');
    expect(rewrite('https://example.org/post/old-post/')).toBe('/blog/posts/old-post/');
    expect(rewrite('http://example.org/blog/post/old-post?x=1#y')).toBe('/blog/posts/old-post/?x=1#y');
    expect(rewrite('//example.org/posts/2019-04-01-old-post/')).toBe('/blog/posts/old-post/');
    expect(rewrite('/blog/posts/old-name/index.html')).toBe('/blog/posts/old-post/');
    expect(rewrite('/the-permalink')).toBe('/blog/posts/caf%C3%A9/');
  });

  it('matches an address without .html to the .html one, as GitHub Pages serves it', () => {
    expect(rewrite('/2019/04/01/old-post')).toBe('/blog/posts/old-post/');
  });

  it("keeps a post's own address, and another post's old address never takes it", () => {
    expect(resolveLink('/blog/posts/old-post/', index)).toEqual({ kind: 'known' });
    expect(resolveLink('/blog/posts/old-post', index)).toEqual({ kind: 'known' });
    expect(resolveLink('/blog/posts/caf%C3%A9/#x', index)).toEqual({ kind: 'known' });
    expect(resolveLink('https://example.org/blog/posts/café/', index)).toEqual({ kind: 'known' });
    // Written for the old site at the root: the same post, now under the base.
    expect(rewrite('/posts/old-post/')).toBe('/blog/posts/old-post/');
  });

  it("knows Folio's pages and the public files", () => {
    for (const href of ['/blog/', '/blog', '/blog/tags/go/', '/blog/archive/', '/blog/rss.xml', '/blog/favicon.svg', '/blog/docs/', 'https://example.org/blog/page/2/']) {
      expect(resolveLink(href, index), href).toEqual({ kind: 'known' });
    }
  });

  it('puts a link written for the old site at the root (a public file, a Folio page) under the base', () => {
    expect(rewrite('/images/diagram.png')).toBe('/blog/images/diagram.png');
    expect(rewrite('/tags/go/#top')).toBe('/blog/tags/go/#top');
    expect(rewrite('https://example.org/images/diagram.png')).toBe('/blog/images/diagram.png');
    expect(resolveLink('/blog/images/diagram.png', index)).toEqual({ kind: 'known' });
    expect(resolveLink('/blog/images/missing.png', index)).toEqual({ kind: 'dead' });
  });

  it('reports an address under the base that nothing is published at', () => {
    expect(resolveLink('/blog/no/such/page/', index)).toEqual({ kind: 'dead' });
    expect(resolveLink('https://example.org/blog/posts/draft/', index)).toEqual({ kind: 'dead' });
  });

  it('leaves alone other sites, other apps on the host, fragments and page-relative links', () => {
    for (const href of ['https://other.org/post/old-post/', '/other-app/', '#top', '../bare-date/', 'old-post.html', 'mailto:a@example.org', 'ftp://example.org/x']) {
      expect(resolveLink(href, index), href).toEqual({ kind: 'elsewhere' });
    }
  });
});

describe('resolveLink on a site at the root', () => {
  const rooted = buildLinkIndex({ site: 'https://example.org', base: '/', posts: [{ url: '/posts/a/', route: 'posts/a/', old: ['old/a/'] }], files: [] });
  it('reads every root-relative link from the site root', () => {
    expect(resolveLink('/old/a/', rooted)).toEqual({ kind: 'rewrite', href: '/posts/a/' });
    expect(resolveLink('/nothing/', rooted)).toEqual({ kind: 'dead' });
  });
});

describe('mayLinkInternally', () => {
  it('spots root-relative Markdown and HTML links and the host name, and nothing else', () => {
    expect(mayLinkInternally('see [x](/old/)', 'example.org')).toBe(true);
    expect(mayLinkInternally('see [x]( </old/> )', 'example.org')).toBe(true);
    expect(mayLinkInternally('[x]: /old/', 'example.org')).toBe(true);
    expect(mayLinkInternally('<a href="/old/">', 'example.org')).toBe(true);
    expect(mayLinkInternally('<img src="/images/x.png">', 'example.org')).toBe(true);
    expect(mayLinkInternally('<video poster="/x.jpg">', 'example.org')).toBe(true);
    expect(mayLinkInternally('<https://EXAMPLE.org/x>', 'example.org')).toBe(true);
    expect(mayLinkInternally('see [x](https://other.org/) and [y](../z/) and a/b', 'example.org')).toBe(false);
  });
});
