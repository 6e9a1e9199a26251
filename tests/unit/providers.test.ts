import { describe, expect, it } from 'vitest';
import { headerPolicy } from '../../src/integrations/csp';
import { analyticsCsp, analyticsScript, commentsCsp, giscusAttributes, giscusLang, mergeProviderCsp, NO_PROVIDER_CSP, providerOrigins } from '../../src/lib/providers';

const giscus = { provider: 'giscus', repo: 'owner/blog', repoId: 'R_1', category: 'Comments', categoryId: 'DIC_1' } as const;
const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('analytics providers', () => {
  it("writes each provider's script tag as its documentation does, never render-blocking", () => {
    expect(analyticsScript({ provider: 'plausible', domain: 'example.org' })).toEqual({
      src: 'https://plausible.io/js/script.js',
      load: 'defer',
      attributes: { 'data-domain': 'example.org' },
    });
    expect(analyticsScript({ provider: 'plausible', domain: 'example.org', src: 'https://stats.example.org/js/script.js' }).src).toBe('https://stats.example.org/js/script.js');
    expect(analyticsScript({ provider: 'umami', websiteId: 'abc', src: 'https://cloud.umami.is/script.js' })).toEqual({
      src: 'https://cloud.umami.is/script.js',
      load: 'defer',
      attributes: { 'data-website-id': 'abc' },
    });
    expect(analyticsScript({ provider: 'goatcounter', code: 'mysite' })).toEqual({
      src: 'https://gc.zgo.at/count.js',
      load: 'async',
      attributes: { 'data-goatcounter': 'https://mysite.goatcounter.com/count' },
    });
    expect(analyticsScript({ provider: 'goatcounter', code: 'mysite', src: 'https://count.example.org/count.js' }).attributes['data-goatcounter']).toBe('https://count.example.org/count');
  });

  it('allows exactly the script origin and where it sends page views', () => {
    expect(analyticsCsp(undefined)).toEqual(NO_PROVIDER_CSP);
    expect(analyticsCsp({ provider: 'plausible', domain: 'example.org' })).toEqual({ scriptSrc: ['https://plausible.io'], connectSrc: ['https://plausible.io'], frameSrc: [], styleSrc: [] });
    expect(analyticsCsp({ provider: 'umami', websiteId: 'abc', src: 'https://umami.example.net:8443/script.js' })).toEqual({
      scriptSrc: ['https://umami.example.net:8443'],
      connectSrc: ['https://umami.example.net:8443'],
      frameSrc: [],
      styleSrc: [],
    });
    expect(analyticsCsp({ provider: 'goatcounter', code: 'mysite' })).toEqual({
      scriptSrc: ['https://gc.zgo.at'],
      connectSrc: ['https://mysite.goatcounter.com'],
      frameSrc: [],
      styleSrc: [],
    });
    expect(() => analyticsCsp({ provider: 'umami', websiteId: 'abc', src: 'http://umami.example.net/script.js' })).toThrow(/analytics\.src: expected an https:\/\/ URL/);
  });
});

describe('giscus comments', () => {
  it('needs its script, stylesheet and frame from giscus.app, and nothing when off', () => {
    expect(commentsCsp(undefined)).toEqual(NO_PROVIDER_CSP);
    expect(commentsCsp(giscus)).toEqual({ scriptSrc: ['https://giscus.app'], connectSrc: [], frameSrc: ['https://giscus.app'], styleSrc: ['https://giscus.app'] });
  });

  it("gives giscus the repository, the mapping and the site's language", () => {
    expect(giscusAttributes(giscus, 'de-AT')).toMatchObject({
      'data-repo': 'owner/blog',
      'data-repo-id': 'R_1',
      'data-category-id': 'DIC_1',
      'data-mapping': 'pathname',
      'data-lang': 'de',
      'data-loading': 'lazy',
    });
    expect(giscusAttributes({ ...giscus, mapping: 'og:title' }, 'en')['data-mapping']).toBe('og:title');
    expect([giscusLang('zh-Hans'), giscusLang('zh-TW'), giscusLang('pt-BR'), giscusLang('xx')]).toEqual(['zh-CN', 'zh-TW', 'pt', 'en']);
  });
});

describe('the _headers policy with providers', () => {
  it('is unchanged without providers', () => {
    expect(headerPolicy(undefined, NO_PROVIDER_CSP)).toBe(headerPolicy());
  });

  it('widens script-src, connect-src, frame-src and style-src by the providers, and nothing else', () => {
    const providers = mergeProviderCsp(commentsCsp(giscus), analyticsCsp({ provider: 'goatcounter', code: 'mysite' }));
    const policy = headerPolicy(undefined, providers);
    const plain = headerPolicy();
    expect(directive(policy, 'script-src')).toBe(`${directive(plain, 'script-src')} https://gc.zgo.at https://giscus.app`);
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' https://mysite.goatcounter.com");
    expect(directive(policy, 'frame-src')).toBe("frame-src 'self' https://giscus.app");
    expect(directive(policy, 'style-src')).toBe("style-src 'self' 'unsafe-inline' https://giscus.app");
    for (const name of ['default-src', 'img-src', 'font-src', 'object-src', 'base-uri', 'form-action']) expect(directive(policy, name), name).toBe(directive(plain, name));
    expect(directive(policy, 'script-src')).not.toMatch(/'unsafe-inline'|(^|\s)\*/);
    expect(providerOrigins(providers)).toEqual(['https://gc.zgo.at', 'https://giscus.app', 'https://mysite.goatcounter.com']);
  });
});
