import { describe, expect, it } from 'vitest';
import { createUrls, folioPage, mediaOutputPath, resolveRoute, routeFile, routeKey, editUrl } from '../../src/lib/urls';

const root = createUrls({ site: 'https://example.org', base: '/' });
const sub = createUrls({ site: 'https://user.github.io', base: '/blog/' });

describe('createUrls', () => {
  it('puts a path from the site root under the base path, and leaves URLs and based paths alone', () => {
    const blog = createUrls({ site: 'https://example.org', base: '/blog/' });
    expect(blog.resource('/images/x.png')).toBe('/blog/images/x.png');
    expect(blog.resource('/blog/images/x.png')).toBe('/blog/images/x.png');
    expect(blog.resource('https://cdn.example.org/x.png')).toBe('https://cdn.example.org/x.png');
    expect(blog.absolute(blog.resource('/images/x.png'))).toBe('https://example.org/blog/images/x.png');
    expect(createUrls({ site: 'https://example.org', base: '/' }).resource('/images/x.png')).toBe('/images/x.png');
  });

  it('builds directory URLs with trailing slashes at the root', () => {
    expect(root.home()).toBe('/');
    expect(root.homePage(1)).toBe('/');
    expect(root.homePage(2)).toBe('/page/2/');
    expect(root.post('becoming-a-tech-lead')).toBe('/posts/becoming-a-tech-lead/');
    expect(root.tags()).toBe('/tags/');
    expect(root.tag('c-sharp')).toBe('/tags/c-sharp/');
    expect(root.tag('c-sharp', 3)).toBe('/tags/c-sharp/page/3/');
    expect(root.archive()).toBe('/archive/');
    expect(root.feed()).toBe('/rss.xml');
  });

  it('prefixes every URL with the base path', () => {
    expect(sub.home()).toBe('/blog/');
    expect(sub.homePage(2)).toBe('/blog/page/2/');
    expect(sub.post('a/b')).toBe('/blog/posts/a/b/');
    expect(sub.tag('go', 2)).toBe('/blog/tags/go/page/2/');
    expect(sub.feed()).toBe('/blog/rss.xml');
    expect(sub.path('sitemap-index.xml')).toBe('/blog/sitemap-index.xml');
    expect(sub.path('search')).toBe('/blog/search/');
    expect(sub.seriesIndex()).toBe('/blog/series/');
    expect(sub.series('building-a-compiler')).toBe('/blog/series/building-a-compiler/');
    expect(sub.series('日本語')).toBe('/blog/series/%E6%97%A5%E6%9C%AC%E8%AA%9E/');
  });

  it('puts copied files under the base, in a folder named by their content hash, the name encoded', () => {
    expect(root.media('7a8e6825', 'demo.mp4')).toBe('/_media/7a8e6825/demo.mp4');
    expect(sub.media('7a8e6825', 'data zip #1.zip')).toBe('/blog/_media/7a8e6825/data%20zip%20%231.zip');
    expect(sub.media('5a1078cd', 'LICENSE')).toBe('/blog/_media/5a1078cd/LICENSE');
    expect(decodeURIComponent(sub.media('5a1078cd', 'café.pdf'))).toBe(`/blog/${mediaOutputPath('5a1078cd', 'café.pdf')}`);
  });

  it('makes absolute URLs on the public origin', () => {
    expect(sub.absolute(sub.post('x'))).toBe('https://user.github.io/blog/posts/x/');
    expect(root.absolute(root.feed())).toBe('https://example.org/rss.xml');
  });

  it('percent-encodes non-ASCII and reserved characters per segment', () => {
    expect(root.tag('日本語')).toBe('/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/');
    expect(root.post('notes/what?')).toBe('/posts/notes/what%3F/');
    expect(decodeURIComponent(root.tag('ünïcödé'))).toBe('/tags/ünïcödé/');
  });
});

describe('resolveRoute', () => {
  it("reads a leading slash from the site root and anything else from the page's folder", () => {
    expect(resolveRoute('/old-url')).toBe('old-url/');
    expect(resolveRoute('/old-url', 'posts/notes/')).toBe('old-url/');
    expect(resolveRoute('old-name', 'posts/notes/')).toBe('posts/notes/old-name/');
    expect(resolveRoute('post/x', 'posts/')).toBe('posts/post/x/');
  });

  it('normalises . and .., never above the site root', () => {
    expect(resolveRoute('../old/path', 'posts/notes/')).toBe('posts/old/path/');
    expect(resolveRoute('./a/./b/../c', 'posts/')).toBe('posts/a/c/');
    expect(resolveRoute('../../../../x', 'posts/notes/')).toBe('x/');
    expect(resolveRoute('/../x/')).toBe('x/');
    expect(resolveRoute('..', 'posts/')).toBe('');
  });

  it('keeps an .html or .htm name a file, and makes anything else a folder', () => {
    expect(resolveRoute('/posts/docker-containers-on-the-desktop.html')).toBe('posts/docker-containers-on-the-desktop.html');
    expect(resolveRoute('old.HTM', 'posts/')).toBe('posts/old.HTM');
    expect(resolveRoute('../page.html', 'posts/notes/')).toBe('posts/page.html');
    expect(resolveRoute('/old/page.php')).toBe('old/page.php/');
    expect(resolveRoute('/old/page.html/')).toBe('old/page.html/');
  });

  it('keeps segments as written, escapes decoded, query and fragment dropped', () => {
    expect(resolveRoute('Old Name', 'posts/')).toBe('posts/Old Name/');
    expect(resolveRoute('/caf%C3%A9/x%20y/')).toBe('café/x y/');
    expect(resolveRoute('/a%2Fb/')).toBe('a%2Fb/');
    expect(resolveRoute('/old/?p=12#top')).toBe('old/');
    expect(resolveRoute('/')).toBe('');
  });
});

describe('routeFile, routeKey and folioPage', () => {
  it('write a folder route as its index.html and a file route as itself', () => {
    expect(routeFile('old/path/')).toBe('old/path/index.html');
    expect(routeFile('old/page.html')).toBe('old/page.html');
  });

  it('give one key to the forms of one address', () => {
    expect(routeKey('x/')).toBe('x');
    expect(routeKey('x/index.html')).toBe('x');
    expect(routeKey('x.html')).toBe('x.html');
    expect(routeKey('x.html/')).toBe('x.html');
    expect(routeKey('')).toBe('');
  });

  it("know Folio's own pages and assets", () => {
    for (const route of [
      '',
      'page/2/',
      'tags/',
      'tags/go/',
      'archive/',
      'search/',
      'series/',
      'series/x/',
      'rss.xml',
      'feed.json',
      'robots.txt',
      '404.html',
      'sitemap-0.xml',
      'og/x.png',
      'pagefind/x',
      '_astro/a.js',
    ]) {
      expect(folioPage(route), route).toBeDefined();
    }
    expect(folioPage('archive/')?.source).toBe('src/pages/archive.astro');
    for (const route of ['posts/x/', 'old/', 'archives/', 'tagsx/', 'seriesx/', 'rss.xml.html']) expect(folioPage(route), route).toBeUndefined();
  });

  it('put a route under the base, a folder with its slash and a file as it is', () => {
    expect(sub.route('old/page.html')).toBe('/blog/old/page.html');
    expect(sub.route('posts/old name/')).toBe('/blog/posts/old%20name/');
    expect(root.route('')).toBe('/');
  });
});

describe('editUrl', () => {
  it("appends the post file's path in the repository to the site's edit address, encoded per segment", () => {
    const base = 'https://github.com/owner/repo/edit/main/';
    expect(editUrl(base, 'src/content/posts/hello.md')).toBe('https://github.com/owner/repo/edit/main/src/content/posts/hello.md');
    expect(editUrl('https://github.com/owner/repo/edit/main', 'src/content/posts/notes/My Post #1.md')).toBe(
      'https://github.com/owner/repo/edit/main/src/content/posts/notes/My%20Post%20%231.md',
    );
    expect(editUrl(base, './src\\content\\posts\\日本.md')).toBe('https://github.com/owner/repo/edit/main/src/content/posts/%E6%97%A5%E6%9C%AC.md');
  });
});
