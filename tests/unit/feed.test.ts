import { describe, expect, it } from 'vitest';
import { markdownToHtml } from 'satteri';
import { calloutsPlugin } from '../../src/markdown/markdown';
import { absolutizeHtml, escapeXml, feedCallouts, feedItem, feedPosts, jsonFeed, rssChannelExtras } from '../../src/lib/feed';
import { createUrls } from '../../src/lib/urls';
import { makePost } from '../helpers/posts';

const base = 'https://example.org/blog/posts/hello/';

describe('absolutizeHtml', () => {
  it('makes relative links, images and srcsets absolute', () => {
    const html = '<a href="/blog/tags/go/">go</a> <a href="../other/">o</a> <img src="/blog/_astro/a.webp" srcset="/blog/_astro/a-400.webp 400w, /blog/_astro/a-800.webp 800w">';
    expect(absolutizeHtml(html, base)).toBe(
      '<a href="https://example.org/blog/tags/go/">go</a> <a href="https://example.org/blog/posts/other/">o</a> ' +
        '<img src="https://example.org/blog/_astro/a.webp" srcset="https://example.org/blog/_astro/a-400.webp 400w, https://example.org/blog/_astro/a-800.webp 800w">',
    );
  });

  it('anchors fragment links to the post', () => {
    expect(absolutizeHtml('<a href="#fn-1">1</a>', base)).toBe(`<a href="${base}#fn-1">1</a>`);
  });

  it('leaves absolute, mailto and data URLs alone, and single quotes too', () => {
    const html = `<a href="https://other.org/x">x</a><a href="mailto:a@b.c">m</a><img src='data:image/png;base64,AA=='>`;
    expect(absolutizeHtml(html, base)).toBe(html);
  });

  it('does not touch text that only looks like an attribute', () => {
    expect(absolutizeHtml('<p>write href="/x" in HTML</p>', base)).toBe('<p>write href="/x" in HTML</p>');
  });
});

describe('feedItem', () => {
  const urls = createUrls({ site: 'https://example.org', base: '/blog/' });

  it('gives an absolute link, the post date and full absolute HTML', () => {
    const post = makePost('hello', { date: '2024-03-03', description: 'About hello.', tags: ['go'] });
    const item = feedItem(post, { urls, html: '<p><a href="/blog/tags/go/">go</a></p>', categories: ['Go'] });
    expect(item).toEqual({
      title: 'Title of hello',
      link: 'https://example.org/blog/posts/hello/',
      pubDate: new Date('2024-03-03T00:00:00Z'),
      description: 'About hello.',
      content: '<p><a href="https://example.org/blog/tags/go/">go</a></p>',
      categories: ['Go'],
    });
  });

  it("starts a series part's content with its number and a link to the series, escaped and absolute", () => {
    const post = makePost('lexing', { date: '2024-03-03', series: 'Tom & Jerry <3' });
    const item = feedItem(post, { urls, html: '<p>Body.</p>', categories: [], series: { name: 'Tom & Jerry <3', slug: 'tom-and-jerry-3', number: 2 } });
    expect(item.content).toBe('<p><em>Part 2 of the series <a href="https://example.org/blog/series/tom-and-jerry-3/">Tom &amp; Jerry &lt;3</a>.</em></p><p>Body.</p>');
    expect(feedItem(post, { urls, html: '<p>Body.</p>', categories: [] }).content).toBe('<p>Body.</p>');
  });

  it('keeps pubDate on the post date when the post is updated', () => {
    const post = makePost('hello', { date: '2024-03-03', updated: '2024-05-05' });
    expect(feedItem(post, { urls, html: '', categories: [] }).pubDate.toISOString()).toBe('2024-03-03T00:00:00.000Z');
  });
});

describe('feedCallouts', () => {
  // The page's markup, as the Markdown plugin renders it (the MDX component renders the same).
  const page = async (markdown: string) => (await markdownToHtml(markdown, { mdastPlugins: [calloutsPlugin()], features: { rawHtml: true } })).html.trim();

  it('gives a feed reader a blockquote that starts with the title in bold: no icon, no classes', async () => {
    expect(feedCallouts(await page('> [!NOTE]\n> Read *this*.\n'))).toBe('<blockquote><p><strong>Note</strong></p><p>Read <em>this</em>.</p></blockquote>');
  });

  it('puts the kind before a title of the author’s own, and keeps the Markdown in it', async () => {
    expect(feedCallouts(await page('> [!tip] Pin `FOLIO_NOW` **first**\n> Body.\n'))).toBe(
      '<blockquote><p><strong>Tip: Pin <code>FOLIO_NOW</code> <strong>first</strong></strong></p><p>Body.</p></blockquote>',
    );
  });

  it('unfolds a folded callout and rewrites nested ones', async () => {
    const html = feedCallouts(await page('> [!faq]- Why?\n> Because.\n>\n> > [!warning]+\n> > Inner.\n'));
    expect(html).toBe('<blockquote><p><strong>FAQ: Why?</strong></p><p>Because.</p><blockquote><p><strong>Warning</strong></p><p>Inner.</p></blockquote></blockquote>');
    expect(html).not.toMatch(/<svg|<details|<summary|class=/);
  });

  it('leaves the rest of the post as it was, plain blockquotes included', async () => {
    const html = await page('Before.\n\n> [!TIP]\n> x\n\n> A quote.\n\n- a list\n');
    const out = feedCallouts(html);
    expect(out.slice(0, out.indexOf('<blockquote><p><strong>'))).toBe(html.slice(0, html.indexOf('<aside')));
    expect(out.slice(out.indexOf('</blockquote>') + '</blockquote>'.length)).toBe(html.slice(html.indexOf('</aside>') + '</aside>'.length));
  });

  it('returns HTML without callouts untouched, raw HTML that uses the class too', () => {
    for (const html of ['<p>a &amp; b<br>c</p>', '<aside class="callout">Mine</aside>', '<blockquote><p>[!NOTE]</p></blockquote>']) {
      expect(feedCallouts(html)).toBe(html);
    }
  });

  it('is applied to every feed item', async () => {
    const urls = createUrls({ site: 'https://example.org', base: '/blog/' });
    const item = feedItem(makePost('hello', {}), { urls, html: await page('> [!caution] See [the docs](/blog/docs/)\n'), categories: [] });
    expect(item.content).toBe('<blockquote><p><strong>Caution: See <a href="https://example.org/blog/docs/">the docs</a></strong></p></blockquote>');
  });
});

describe('feedPosts', () => {
  it('keeps every post without a limit, and the newest n with one', () => {
    expect(feedPosts([1, 2, 3], undefined)).toEqual([1, 2, 3]);
    expect(feedPosts([1, 2, 3], 2)).toEqual([1, 2]);
  });
});

describe('rssChannelExtras and escapeXml', () => {
  it('writes the self link, language, lastBuildDate and image, escaped', () => {
    expect(
      rssChannelExtras({
        selfUrl: 'https://x.org/rss.xml?a=1&b=2',
        lang: 'en',
        lastBuildDate: new Date('2024-03-03T05:00:00Z'),
        image: { url: 'https://x.org/logo.png', title: 'A & B <C>', link: 'https://x.org/' },
      }),
    ).toBe(
      '<language>en</language><atom:link href="https://x.org/rss.xml?a=1&amp;b=2" rel="self" type="application/rss+xml"/>' +
        '<lastBuildDate>Sun, 03 Mar 2024 05:00:00 GMT</lastBuildDate>' +
        '<image><url>https://x.org/logo.png</url><title>A &amp; B &lt;C&gt;</title><link>https://x.org/</link></image>',
    );
  });

  it('leaves out what is not there', () => {
    expect(rssChannelExtras({ selfUrl: 'https://x.org/rss.xml', lang: 'fr' })).toBe('<language>fr</language><atom:link href="https://x.org/rss.xml" rel="self" type="application/rss+xml"/>');
  });

  it('escapes the five XML specials, and a CDATA terminator as text', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry' ]]></a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos; ]]&gt;&lt;/a&gt;');
  });
});

describe('jsonFeed', () => {
  it('builds a JSON Feed 1.1 document', () => {
    const feed = jsonFeed({ title: 'T', description: 'D', homeUrl: 'https://x.org/', feedUrl: 'https://x.org/feed.json', lang: 'en', author: 'Ada', icon: 'https://x.org/i.png' }, [
      {
        title: 'P',
        link: 'https://x.org/posts/p/',
        pubDate: new Date('2024-01-01T00:00:00Z'),
        updated: new Date('2024-02-01T00:00:00Z'),
        description: 'S',
        content: '<p>Hi</p>',
        categories: ['go'],
      },
    ]);
    expect(feed).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      home_page_url: 'https://x.org/',
      feed_url: 'https://x.org/feed.json',
      description: 'D',
      language: 'en',
      authors: [{ name: 'Ada' }],
      icon: 'https://x.org/i.png',
      items: [
        {
          id: 'https://x.org/posts/p/',
          url: 'https://x.org/posts/p/',
          title: 'P',
          content_html: '<p>Hi</p>',
          summary: 'S',
          date_published: '2024-01-01T00:00:00.000Z',
          date_modified: '2024-02-01T00:00:00.000Z',
          tags: ['go'],
        },
      ],
    });
  });
});
