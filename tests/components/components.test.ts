import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import ArchiveList from '../../src/components/ArchiveList.astro';
import FormattedDate from '../../src/components/FormattedDate.astro';
import Header from '../../src/components/Header.astro';
import Pager from '../../src/components/Pager.astro';
import PostCard from '../../src/components/PostCard.astro';
import PostList from '../../src/components/PostList.astro';
import PostNav from '../../src/components/PostNav.astro';
import SeriesBox from '../../src/components/SeriesBox.astro';
import SeriesList from '../../src/components/SeriesList.astro';
import SeriesNav from '../../src/components/SeriesNav.astro';
import TagCloud from '../../src/components/TagCloud.astro';
import TagLinks from '../../src/components/TagLinks.astro';
import type { PostSummary, SeriesBoxView } from '../../src/lib/views';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = async (component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>) => parse(await container.renderToString(component, { props }));

const summary = (over: Partial<PostSummary> = {}): PostSummary => ({
  id: 'a',
  title: 'A <b>bold</b> & "quoted" title',
  url: '/posts/a/',
  date: { datetime: '2024-03-03', label: 'March 3, 2024' },
  description: 'An excerpt.',
  tags: [{ label: 'C#', url: '/tags/c-sharp/' }],
  readingMinutes: 4,
  ...over,
});

describe('FormattedDate', () => {
  it('renders a <time> with the machine date and the label', async () => {
    const html = await render(FormattedDate, { date: { datetime: '2024-03-03', label: 'March 3, 2024' } });
    const time = html.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2024-03-03');
    expect(time?.text).toBe('March 3, 2024');
  });
});

describe('PostCard', () => {
  it('renders title link, date, reading time, excerpt and tags, escaping the title', async () => {
    const html = await render(PostCard, { post: summary() });
    const link = html.querySelector('h2.card-title a');
    expect(link?.getAttribute('href')).toBe('/posts/a/');
    expect(link?.text).toBe('A <b>bold</b> & "quoted" title');
    expect(html.querySelector('b')).toBeNull();
    expect(html.querySelector('time')?.getAttribute('datetime')).toBe('2024-03-03');
    expect(html.querySelector('.meta')?.text).toContain('4 min read');
    expect(html.querySelector('.excerpt')?.text).toBe('An excerpt.');
    expect(html.querySelector('.tags a')?.getAttribute('href')).toBe('/tags/c-sharp/');
  });

  it("shows a part's number on a series page", async () => {
    expect((await render(PostCard, { post: summary({ part: 'Part 2' }) })).querySelector('.meta')?.text).toMatch(/^Part 2·March 3, 2024/);
    expect((await render(PostCard, { post: summary() })).querySelector('.meta')?.text).not.toContain('Part');
  });

  it('uses the heading level asked for and marks drafts', async () => {
    const html = await render(PostCard, { post: summary({ status: 'draft' }), level: 3 });
    expect(html.querySelector('h3.card-title')).not.toBeNull();
    expect(html.querySelector('.badge-draft')?.text).toBe('Draft');
  });

  it('marks scheduled posts', async () => {
    const html = await render(PostCard, { post: summary({ status: 'scheduled' }) });
    expect(html.querySelectorAll('.badge').map((b) => [b.classList.value.join(' '), b.text])).toEqual([['badge badge-scheduled', 'Scheduled']]);
  });

  it('shows no badge for published posts', async () => {
    expect((await render(PostCard, { post: summary() })).querySelector('.badge')).toBeNull();
  });
});

describe('PostList', () => {
  it('renders an ordered list in the order given', async () => {
    const html = await render(PostList, { posts: [summary({ id: 'x', title: 'X' }), summary({ id: 'y', title: 'Y' })] });
    expect(html.querySelectorAll('ol.post-list > li .card-title a').map((a) => a.text)).toEqual(['X', 'Y']);
  });

  it('says so when there is nothing', async () => {
    const html = await render(PostList, { posts: [] });
    expect(html.querySelector('.empty')?.text).toBe('Nothing published yet.');
  });
});

describe('TagLinks and TagCloud', () => {
  it('renders nothing for no tags', async () => {
    expect((await render(TagLinks, { tags: [] })).toString().trim()).toBe('');
  });

  it('labels the list and links each tag with rel=tag', async () => {
    const html = await render(TagLinks, { tags: [{ label: '日本語', url: '/tags/%E6%97%A5/' }], label: 'Tags of X' });
    expect(html.querySelector('ul')?.getAttribute('aria-label')).toBe('Tags of X');
    expect(html.querySelector('a')?.getAttribute('rel')).toBe('tag');
    expect(html.querySelector('a')?.text).toBe('日本語');
  });

  it('shows counts with an accessible noun', async () => {
    const html = await render(TagCloud, {
      tags: [
        { label: 'go', url: '/tags/go/', count: 1 },
        { label: 'web', url: '/tags/web/', count: 3 },
      ],
    });
    expect(html.querySelectorAll('.tag-cloud a').map((a) => a.text.replace(/\s+/g, ' ').trim())).toEqual(['go 1 post', 'web 3 posts']);
  });
});

describe('Pager', () => {
  it('renders prev/next links with rel and the position', async () => {
    const html = await render(Pager, { pager: { current: 2, total: 3, prev: '/', next: '/page/3/' } });
    expect(html.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/');
    expect(html.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/page/3/');
    expect(html.querySelector('.pager-pos')?.text.replace(/\s+/g, ' ')).toBe('Page 2 of 3');
  });

  it('renders nothing for a single page', async () => {
    expect((await render(Pager, { pager: { current: 1, total: 1 } })).querySelector('nav')).toBeNull();
  });
});

describe('PostNav', () => {
  it('links older as previous and newer as next', async () => {
    const html = await render(PostNav, { older: { title: 'Old', url: '/posts/old/' }, newer: { title: 'New', url: '/posts/new/' } });
    expect(html.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/posts/old/');
    expect(html.querySelector('a[rel="prev"]')?.text).toContain('Old');
    expect(html.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/posts/new/');
    expect(html.querySelector('a[rel="next"]')?.text).toContain('New');
  });

  it('renders nothing for a lone post', async () => {
    expect((await render(PostNav, {})).querySelector('nav')).toBeNull();
  });
});

describe('Header', () => {
  it('marks the current page in the navigation', async () => {
    const html = await render(Header, {
      siteTitle: 'Blog',
      homeUrl: '/',
      currentPath: '/archive/',
      nav: [
        { label: 'Home', url: '/' },
        { label: 'Archive', url: '/archive/' },
      ],
    });
    expect(html.querySelector('nav')?.getAttribute('aria-label')).toBe('Main');
    expect(html.querySelector('a[aria-current="page"]')?.text.trim()).toBe('Archive');
    expect(html.querySelectorAll('a[aria-current]')).toHaveLength(1);
  });
});

describe('ArchiveList', () => {
  it('renders years with counts and months with their posts', async () => {
    const html = await render(ArchiveList, {
      years: [{ year: 2024, count: 2, months: [{ label: 'March 2024', key: '2024-03', posts: [summary({ title: 'One' }), summary({ title: 'Two' })] }] }],
    });
    expect(html.querySelector('h2')?.text.replace(/\s+/g, ' ').trim()).toBe('2024 2');
    expect(html.querySelector('h3')?.text).toBe('March 2024');
    expect(html.querySelectorAll('.timeline a').map((a) => a.text)).toEqual(['One', 'Two']);
    expect(html.querySelector('section')?.getAttribute('aria-labelledby')).toBe('y2024');
  });
});

describe('SeriesBox and SeriesNav', () => {
  const box: SeriesBoxView = {
    name: 'Tom & <i>Jerry</i>',
    url: '/series/tom/',
    position: 'Part 2 of 3',
    parts: [
      { label: 'One', url: '/posts/one/', current: false },
      { label: 'Two', url: '/posts/two/', current: true },
      { label: 'Three', url: '/posts/three/', current: false },
    ],
    previous: { label: 'One', url: '/posts/one/' },
    next: { label: 'Three', url: '/posts/three/' },
  };

  it('lists every part, the current one marked aria-current, under the series name and the part number', async () => {
    const html = await render(SeriesBox, { series: box });
    const nav = html.querySelector('nav.series-box');
    expect(nav?.getAttribute('aria-label')).toBe('Series: Tom & <i>Jerry</i>');
    expect(html.querySelector('i')).toBeNull();
    expect(nav?.querySelector('.series-box-title a')?.getAttribute('href')).toBe('/series/tom/');
    expect(nav?.querySelector('.series-box-title')?.text).toBe('Tom & <i>Jerry</i> · Part 2 of 3');
    expect(nav?.querySelectorAll('ol li a').map((a) => [a.text.trim(), a.getAttribute('aria-current') ?? null])).toEqual([
      ['One', null],
      ['Two', 'page'],
      ['Three', null],
    ]);
  });

  it('links the previous and next parts, and renders nothing for a series of one', async () => {
    const html = await render(SeriesNav, { series: box });
    expect(html.querySelectorAll('nav.series-nav a').map((a) => [a.getAttribute('href'), a.text])).toEqual([
      ['/posts/one/', '← Previous partOne'],
      ['/posts/three/', 'Next part →Three'],
    ]);
    const { previous: _p, next: _n, ...alone } = box;
    expect((await render(SeriesNav, { series: alone })).querySelector('nav')).toBeNull();
    const first = { ...box, previous: undefined };
    expect((await render(SeriesNav, { series: first })).querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['/posts/three/']);
  });

  it('lists series with their number of parts', async () => {
    const html = await render(SeriesList, { series: [{ label: 'Tom', url: '/series/tom/', count: 3, countLabel: '3 parts' }] });
    expect(html.querySelector('.series-list a')?.getAttribute('href')).toBe('/series/tom/');
    expect(html.querySelector('.series-list li')?.text.replace(/\s+/g, ' ').trim()).toBe('Tom 3 parts');
  });
});
