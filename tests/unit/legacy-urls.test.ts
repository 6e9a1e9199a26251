import { describe, expect, it } from 'vitest';
import { resolveDate } from '../../src/lib/dates';
import {
  aliasBase,
  hugoPath,
  hugoUrl,
  jekyllCategories,
  jekyllDateUrl,
  permalinkSlug,
  datedFolioId,
  postRedirects,
  jekyllSlugify,
  pathProblem,
  redirectWarnings,
  type RedirectSource,
} from '../../src/lib/legacy-urls';
import { postSchema } from '../../src/lib/schema/post';
import { makePost } from '../helpers/posts';

/** A post as the rules read it; the date is resolved in `zone`, as toPost resolves it. */
function source(over: Partial<Omit<RedirectSource, 'date'>> & { date?: string; zone?: string } = {}): RedirectSource {
  const { date = '2019-04-01', zone = 'UTC', ...rest } = over;
  const parts = postSchema.parse({ title: 't', date }).date;
  return { id: 'x', slug: 'x', categories: [], aliases: [], ...rest, date: resolveDate(parts, zone) };
}

describe('jekyllSlugify', () => {
  it("matches Jekyll's own tests (test/test_utils.rb)", () => {
    expect(jekyllSlugify('The _config.yml file?')).toBe('the-config-yml-file');
    expect(jekyllSlugify('The _config.yml file?', 'pretty')).toBe('the-_config.yml-file');
    expect(jekyllSlugify('The _config.yml file?', 'pretty', true)).toBe('The-_config.yml-file');
    expect(jekyllSlugify('  Working with drafts   ', 'default', true)).toBe('Working-with-drafts');
    expect(jekyllSlugify('كيف حالك؟')).toBe('كيف-حالك');
    expect(jekyllSlugify('5時〜6時 三・一四')).toBe('5時-6時-三-一四');
    expect(jekyllSlugify('மல்லிப்பூ வகைகள்', 'pretty')).toBe('மல்லிப்பூ-வகைகள்');
    expect(jekyllSlugify('💎')).toBe('');
  });

  it('keeps in pretty mode the characters URLs show as they are', () => {
    expect(jekyllSlugify("C++ & Rust: (a) 'love' story!", 'pretty', true)).toBe("C++-&-Rust-(a)-'love'-story!");
    expect(jekyllSlugify('Hello, World', 'pretty', true)).toBe('Hello,-World');
  });
});

describe('jekyllCategories', () => {
  it('splits a categories string on whitespace, takes category whole, drops exact repeats in order', () => {
    expect(jekyllCategories('Engines ruby  engines', undefined)).toEqual(['Engines', 'ruby', 'engines']);
    expect(jekyllCategories(undefined, 'Big Data')).toEqual(['Big Data']);
    expect(jekyllCategories(['a', 'b', null, 'a'], 'c')).toEqual(['a', 'b', 'c']);
    expect(jekyllCategories(['x', ['y']], ['x', 'z'])).toEqual(['x', 'y', 'z']);
    expect(jekyllCategories([2019], undefined)).toEqual(['2019']);
    expect(jekyllCategories(undefined, undefined)).toEqual([]);
  });
});

describe("jekyllDateUrl (Jekyll's default `date` permalink)", () => {
  it("matches Jekyll's own test posts", () => {
    // test/source/_posts/2013-07-22-post-excerpt-with-layout.markdown (test/test_excerpt.rb)
    const excerpt = source({
      file: '_posts/2013-07-22-post-excerpt-with-layout.markdown',
      date: '2013-07-22',
      categories: jekyllCategories(['bar', 'baz', 'z_category', 'MixedCase'], undefined),
    });
    expect(jekyllDateUrl(excerpt, 'UTC')).toBe('/bar/baz/z_category/mixedcase/2013/07/22/post-excerpt-with-layout.html');
    // test/source/_posts/2018-10-12-trailing-dots...markdown (test/test_document.rb)
    expect(jekyllDateUrl(source({ file: '2018-10-12-trailing-dots...markdown', date: '2018-10-12' }), 'UTC')).toBe('/2018/10/12/trailing-dots.html');
    // test/source/_posts/2008-02-02-published.markdown: `category: publish_test`
    expect(jekyllDateUrl(source({ file: '2008-02-02-published.markdown', date: '2008-02-02', categories: jekyllCategories(undefined, 'publish_test') }), 'UTC')).toBe(
      '/publish_test/2008/02/02/published.html',
    );
  });

  it("follows the site's _config.yml permalink: a built-in style or a pattern", () => {
    const post = source({ file: '2019-04-01-illustrated-word2vec.md', categories: ['ML'] });
    expect(jekyllDateUrl(post, 'UTC', 'pretty')).toBe('/ml/2019/04/01/illustrated-word2vec/');
    expect(jekyllDateUrl(post, 'UTC', 'none')).toBe('/ml/illustrated-word2vec.html');
    expect(jekyllDateUrl(post, 'UTC', 'ordinal')).toBe('/ml/2019/091/illustrated-word2vec.html');
    expect(jekyllDateUrl(post, 'UTC', '/:title/')).toBe('/illustrated-word2vec/');
    expect(jekyllDateUrl(post, 'UTC', '/blog/:year/:title:output_ext')).toBe('/blog/2019/illustrated-word2vec.html');
  });

  it('lower-cases categories, drops repeats that differ only in case, and keeps their order', () => {
    const post = source({ file: '2019-04-01-x.md', categories: jekyllCategories('Engines ruby engines', undefined) });
    expect(jekyllDateUrl(post, 'UTC')).toBe('/engines/ruby/2019/04/01/x.html');
  });

  it('takes the title from the slug field, else the file name without its date, pretty-slugified with case kept', () => {
    expect(jekyllDateUrl(source({ file: 'posts/2019-04-01-Hello World, Again!.md' }), 'UTC')).toBe('/2019/04/01/Hello-World,-Again!.html');
    expect(jekyllDateUrl(source({ file: '2019-04-01-ignored.md', slugField: 'My Slug' }), 'UTC')).toBe('/2019/04/01/My-Slug.html');
    expect(jekyllDateUrl(source({ file: 'undated-name.md' }), 'UTC')).toBe('/2019/04/01/undated-name.html');
    expect(jekyllDateUrl(source({ file: 'trip/index.md', id: 'trip' }), 'UTC')).toBe('/2019/04/01/trip.html');
    expect(jekyllDateUrl(source({ id: 'no-file-known' }), 'UTC')).toBe('/2019/04/01/no-file-known.html');
  });

  it('dates the URL by the day the post falls on in the site time zone, near midnight', () => {
    const late = source({ file: '2019-04-01-late.md', date: '2019-04-01T23:30:00-05:00' }); // 04:30 UTC on the 2nd
    expect(jekyllDateUrl(late, 'UTC')).toBe('/2019/04/02/late.html');
    expect(jekyllDateUrl(late, 'America/New_York')).toBe('/2019/04/02/late.html'); // 00:30 EDT
    expect(jekyllDateUrl(late, 'America/Chicago')).toBe('/2019/04/01/late.html'); // 23:30 CDT
    // A bare date is midnight in the site zone, so it stays that day in every zone.
    expect(jekyllDateUrl(source({ file: '2019-12-31-eve.md', date: '2019-12-31', zone: 'Pacific/Kiritimati' }), 'Pacific/Kiritimati')).toBe('/2019/12/31/eve.html');
    expect(jekyllDateUrl(source({ file: '2019-12-31-eve.md', date: '2019-12-31', zone: 'Pacific/Pago_Pago' }), 'Pacific/Pago_Pago')).toBe('/2019/12/31/eve.html');
  });
});

describe("Hugo's default URL", () => {
  it('sanitises as Hugo does: spaces to one hyphen, other symbols dropped, lower case', () => {
    expect(hugoPath('My First Post')).toBe('my-first-post');
    expect(hugoPath('  Hello,  World! ')).toBe('hello-world');
    expect(hugoPath('C++ & C#')).toBe('c++-c#');
    expect(hugoPath('a - b')).toBe('a-b');
    expect(hugoPath('Ünïcödé 日本語')).toBe('ünïcödé-日本語');
    expect(hugoPath('100%20done')).toBe('100%20done');
  });

  it('is /<section>/<folders>/<slug or file name>/, a bundle taking its folder name', () => {
    expect(hugoUrl(source({ id: 'hugo-post', file: 'content/post/Hugo Post.md' }), 'post')).toBe('/post/hugo-post/');
    expect(hugoUrl(source({ id: 'hugo-post', file: 'hugo-post.md', slugField: '-Hugo Style-' }), 'post')).toBe('/post/hugo-style/');
    expect(hugoUrl(source({ id: 'trip', file: 'trip/index.md' }), 'Blog')).toBe('/blog/trip/');
    expect(hugoUrl(source({ id: 'notes/deep', file: 'notes/deep.md' }), 'post')).toBe('/post/notes/deep/');
    expect(hugoUrl(source({ id: '2019-04-01-dated', file: '2019-04-01-dated.md' }), 'post')).toBe('/post/2019-04-01-dated/');
  });
});

describe('aliasBase', () => {
  it("is the post's folder under /posts/, or under the Hugo section", () => {
    expect(aliasBase('x')).toBe('posts/');
    expect(aliasBase('notes/deep/x')).toBe('posts/notes/deep/');
    expect(aliasBase('notes/x', { engine: 'hugo', section: 'Post' })).toBe('post/notes/');
    expect(aliasBase('x', { engine: 'jekyll' })).toBe('posts/');
  });
});

describe('frontmatter paths Folio cannot fill in', () => {
  it('are templates, unknown Jekyll placeholders and Hugo tokens', () => {
    expect(pathProblem('permalink', '/notes/{{ page.fileSlug }}/')).toMatch(/^permalink "\/notes\/\{\{ page.fileSlug \}\}\/" is a template/);
    expect(pathProblem('permalink', '/{% if x %}a{% endif %}/')).toMatch(/template/);
    expect(pathProblem('permalink', '/:year/:nope/')).toMatch(/uses :nope, which is not a Jekyll permalink placeholder/);
    expect(pathProblem('permalink', '/:year/:month_:day/:title/')).toBeUndefined();
    expect(pathProblem('url', '/:sections/:slug/')).toMatch(/Hugo permalink tokens/);
    expect(pathProblem('url', '/my\\:example/')).toBeUndefined();
    expect(redirectWarnings({ permalink: false, url: '/ok/' })).toEqual([]);
    expect(redirectWarnings({ permalink: '{{ x }}' })).toHaveLength(1);
  });
});

describe('postRedirects', () => {
  const routes = (s: RedirectSource, options: Parameters<typeof postRedirects>[1] = { timeZone: 'UTC' }) => postRedirects(s, options).map((r) => r.route);

  it('fills in Jekyll placeholders in a permalink and reads it from the site root', () => {
    const post = source({ file: '2019-04-01-Old Post.md', date: '2019-04-01T09:05:07Z', categories: ['Ruby'], permalink: 'blog/:categories/:year/:i_month/:title/' });
    expect(routes(post)).toEqual(['blog/ruby/2019/4/Old-Post/', 'posts/2019-04-01-old-post/']);
    expect(routes(source({ permalink: '/:year/:month_:day-:hour:minute:second:output_ext', date: '2019-04-01T09:05:07Z' }))).toEqual(['2019/04_01-090507.html']);
    expect(routes(source({ permalink: '/about' }))).toEqual(['about/']);
  });

  it("reads Hugo's url from the site root, with \\: as a colon", () => {
    expect(routes(source({ url: 'articles/first.html' }))).toEqual(['articles/first.html']);
    expect(routes(source({ url: '/my\\:example/' }))).toEqual(['my:example/']);
  });

  it("adds the engine's default URL only when the post did not set its own", () => {
    const jekyll = { timeZone: 'UTC', legacyUrls: { engine: 'jekyll' } } as const;
    const hugo = { timeZone: 'UTC', legacyUrls: { engine: 'hugo', section: 'post' } } as const;
    expect(routes(source({ file: '2019-04-01-a.md' }), jekyll)).toEqual(['2019/04/01/a.html', 'posts/2019-04-01-a/']);
    expect(routes(source({ file: '2019-04-01-a.md', permalink: '/a/' }), jekyll)).toEqual(['a/', 'posts/2019-04-01-a/']);
    expect(routes(source({ file: '2019-04-01-a.md', permalink: '{{ x }}' }), jekyll)).toEqual(['posts/2019-04-01-a/']);
    expect(routes(source({ file: 'a.md' }), hugo)).toEqual(['post/a/']);
    expect(routes(source({ file: 'a.md', url: '/elsewhere/' }), hugo)).toEqual(['elsewhere/']);
  });

  it('resolves relative aliases from the Hugo section when the blog moved from Hugo', () => {
    const hugo = { timeZone: 'UTC', legacyUrls: { engine: 'hugo', section: 'post' } } as const;
    expect(routes(source({ id: 'notes/a', file: 'notes/a.md', aliases: ['old-name', '../top'] }), hugo)).toEqual(['post/notes/old-name/', 'post/top/', 'post/notes/a/']);
  });

  it("leaves out the post's own address and repeats, naming where each came from", () => {
    const post = source({ id: 'a', slug: 'a', aliases: ['/old/', '/old', 'a', '/posts/a/index.html'], permalink: '/old/index.html', url: '/posts/a' });
    expect(postRedirects(post, { timeZone: 'UTC' })).toEqual([{ route: 'old/', from: 'alias /old/' }]);
    const named = postRedirects(source({ file: '2019-04-01-b.md', aliases: ['y'] }), { timeZone: 'UTC', legacyUrls: { engine: 'jekyll' } });
    expect(named.map((r) => r.from)).toEqual(['alias y', "Jekyll's permalink date", 'its address before the date prefix was read as the date']);
  });

  it('is what toPost gives a post, from its frontmatter and the setting', () => {
    const post = makePost('2019-04-01-old-post', { categories: 'Engines', date: '2019-04-01', permalink: '/kept/' });
    expect(post.categories).toEqual(['Engines']);
    expect(post.tags).toEqual(['Engines']);
    expect(post.redirects).toEqual([
      { route: 'kept/', from: 'permalink /kept/' },
      { route: 'posts/2019-04-01-old-post/', from: 'its address before the date prefix was read as the date' },
    ]);
  });
});

describe('permalinkSlug', () => {
  it('names a post by its own permalink, as a slug would, and not by one only the old engine could fill in', () => {
    expect(permalinkSlug('/about-this-blog/')).toBe('about-this-blog');
    expect(permalinkSlug('/2019/04/my-post.html')).toBe('2019/04/my-post');
    expect(permalinkSlug('/notes/trip-notes/index.html')).toBe('notes/trip-notes');
    expect(permalinkSlug('/posts/same-address/')).toBe('same-address');
    expect(permalinkSlug('/:year/:title/')).toBeUndefined();
    expect(permalinkSlug('/notes/{{ page.fileSlug }}/')).toBeUndefined();
    expect(permalinkSlug('/')).toBeUndefined();
    expect(permalinkSlug(false)).toBeUndefined();
    expect(permalinkSlug(undefined)).toBeUndefined();
  });
});

describe('datedFolioId', () => {
  it('gives the address a dated file had before Folio read its date prefix as the date, and none for other files', () => {
    expect(datedFolioId('jekyll-post', 'src/content/posts/2019-04-01-jekyll-post.md')).toBe('2019-04-01-jekyll-post');
    expect(datedFolioId('notes/x', 'posts/notes/2019-04-01-X.markdown')).toBe('notes/2019-04-01-x');
    expect(datedFolioId('2019-year-in-lists', '2019-12-31-year-in-lists.md')).toBe('2019-12-31-year-in-lists');
    expect(datedFolioId('trip-notes', 'trip-notes/2017-03-08-index.md')).toBe('trip-notes/2017-03-08-index');
    expect(datedFolioId('plain', 'plain.md')).toBeUndefined();
    expect(datedFolioId('trip', 'trip/index.md')).toBeUndefined();
  });

  it('is a redirect to the post, unless the post is still there', () => {
    const routes = postRedirects(source({ file: '2019-04-01-x.md', id: 'x', slug: 'x' }), { timeZone: 'UTC' }).map((r) => r.route);
    expect(routes).toContain('posts/2019-04-01-x/');
    expect(postRedirects(source({ file: '2019-04-01.md', id: '2019-04-01', slug: '2019-04-01' }), { timeZone: 'UTC' }).map((r) => r.route)).not.toContain('posts/2019-04-01/');
  });
});
