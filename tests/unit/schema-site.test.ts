import { describe, expect, it } from 'vitest';
import { normaliseBase, parseSiteConfig } from '../../src/lib/schema/site';

const minimal = { title: 'Blog', author: 'Ada', site: 'https://example.org' };

describe('parseSiteConfig', () => {
  it('fills defaults', () => {
    const config = parseSiteConfig(minimal);
    expect(config).toMatchObject({ base: '/', lang: 'en', locale: 'en', timeZone: 'UTC', postsPerPage: 10, excerptLength: 160 });
    expect(config.feedLimit).toBe(50);
    expect(config.searchCode).toBe(false);
    expect(config.searchShardPosts).toBe(2000);
  });

  it('takes feedLimit: false for feeds of every post, and rejects other values naming the setting', () => {
    expect(parseSiteConfig({ ...minimal, feedLimit: false }).feedLimit).toBeUndefined();
    expect(parseSiteConfig({ ...minimal, feedLimit: 200 }).feedLimit).toBe(200);
    expect(() => parseSiteConfig({ ...minimal, feedLimit: 0 })).toThrow(/feedLimit: expected a whole number of posts/);
    expect(() => parseSiteConfig({ ...minimal, feedLimit: true as unknown as false })).toThrow(/feedLimit/);
  });

  it('lets SITE_URL and BASE_PATH override site and base', () => {
    const config = parseSiteConfig(minimal, { SITE_URL: 'https://user.github.io', BASE_PATH: 'blog' });
    expect(config.site).toBe('https://user.github.io');
    expect(config.base).toBe('/blog/');
  });

  it('keeps only the origin of the site URL', () => {
    expect(parseSiteConfig({ ...minimal, site: 'https://example.org/some/path/' }).site).toBe('https://example.org');
  });

  it('rejects bad settings naming the file and each field', () => {
    expect(() => parseSiteConfig({ ...minimal, site: 'not a url', timeZone: 'Mars/Olympus', postsPerPage: 0 })).toThrow(
      /Invalid site configuration in src\/site\.config\.ts:\n {2}- site: .*\n {2}- timeZone: .*IANA.*\n {2}- postsPerPage/,
    );
  });

  it('normalises base paths', () => {
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('blog')).toBe('/blog/');
    expect(normaliseBase('/blog')).toBe('/blog/');
    expect(normaliseBase('//a/b//')).toBe('/a/b/');
  });
});

describe('legacyUrls', () => {
  it("accepts 'jekyll' and { engine: 'hugo', section }, and is off by default", () => {
    expect(parseSiteConfig(minimal).legacyUrls).toBeUndefined();
    expect(parseSiteConfig({ ...minimal, legacyUrls: 'jekyll' }).legacyUrls).toEqual({ engine: 'jekyll' });
    expect(parseSiteConfig({ ...minimal, legacyUrls: { engine: 'hugo', section: '/post/' } }).legacyUrls).toEqual({ engine: 'hugo', section: 'post' });
  });

  it('rejects anything else with a message naming the setting', () => {
    expect(() => parseSiteConfig({ ...minimal, legacyUrls: 'wordpress' as never })).toThrow(
      /\n {2}- legacyUrls: expected 'jekyll', \{ engine: 'jekyll', permalink: '\/:title\/' \} or \{ engine: 'hugo', section: 'post' \}, found "wordpress"$/,
    );
    expect(() => parseSiteConfig({ ...minimal, legacyUrls: { engine: 'hugo' } as never })).toThrow(
      /\n {2}- legacyUrls\.section: expected the Hugo section folder the posts were in, such as 'post' or 'blog', found undefined$/,
    );
    expect(() => parseSiteConfig({ ...minimal, legacyUrls: { engine: 'hugo', section: '../up' } })).toThrow(/legacyUrls\.section: .* found "\.\.\/up"/);
  });

  it("takes Jekyll's site-wide permalink with legacyUrls, naming the setting when it is not one", () => {
    expect(parseSiteConfig({ ...minimal, legacyUrls: { engine: 'jekyll', permalink: '/:title/' } }).legacyUrls).toEqual({ engine: 'jekyll', permalink: '/:title/' });
    expect(parseSiteConfig({ ...minimal, legacyUrls: { engine: 'jekyll', permalink: 'pretty' } }).legacyUrls).toEqual({ engine: 'jekyll', permalink: 'pretty' });
    expect(parseSiteConfig({ ...minimal, legacyUrls: 'jekyll' }).legacyUrls).toEqual({ engine: 'jekyll' });
    expect(() => parseSiteConfig({ ...minimal, legacyUrls: { engine: 'jekyll', permalink: 'fancy' } })).toThrow(/legacyUrls\.permalink: expected the permalink of the site's _config\.yml/);
  });

  it('stops on an unknown setting, naming it and the closest known name', () => {
    expect(() => parseSiteConfig({ ...minimal, postPerPage: 3 } as never)).toThrow(/\n {2}- postPerPage: unknown setting; did you mean postsPerPage\?$/);
    expect(() => parseSiteConfig({ ...minimal, FeedLimit: 20 } as never)).toThrow(/- FeedLimit: unknown setting; did you mean feedLimit\?/);
    expect(() => parseSiteConfig({ ...minimal, ogImage: false } as never)).toThrow(/- ogImage: unknown setting; did you mean ogImages\?/);
  });

  it('lists every setting when an unknown one is like none of them, and reports it with the other errors', () => {
    let message = '';
    try {
      parseSiteConfig({ ...minimal, newsletterProvider: 'x', postsPerPage: 0 } as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/- newsletterProvider: unknown setting; the settings are title, description, author, site, base, lang,/);
    expect(message).toMatch(/- postsPerPage: /);
  });

  it("takes single interface strings, naming a key that is not one of Folio's with the closest", () => {
    expect(parseSiteConfig({ ...minimal, strings: { 'nav.home': 'Start', 'tag.count': { one: '{n} note', other: '{n} notes' } } }).strings).toEqual({
      'nav.home': 'Start',
      'tag.count': { one: '{n} note', other: '{n} notes' },
    });
    expect(() => parseSiteConfig({ ...minimal, strings: { 'nav.hom': 'Start' } })).toThrow(/- strings: nav\.hom: unknown string; did you mean nav\.home\?/);
    expect(() => parseSiteConfig({ ...minimal, strings: { 'nav.home': 3 } } as never)).toThrow(/- strings\.nav\.home: expected a text, or plural forms/);
  });
});
