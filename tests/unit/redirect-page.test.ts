import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n';
import { REDIRECT_CSP, redirectHtml } from '../../src/lib/redirect-page';

const HOSTILE = `</title><script>alert(1)</script> & "quoted" 'single' <img src=x onerror=alert(2)>`;

describe('redirectHtml', () => {
  const html = redirectHtml({ target: 'https://example.org/blog/posts/a/', title: 'A Post', lang: 'fr-CA' });
  const page = parse(html);

  it('sends the browser and search engines to the post, and keeps itself out of indexes', () => {
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('fr-CA');
    expect(page.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://example.org/blog/posts/a/');
    expect(page.querySelector('meta[http-equiv=refresh]')?.getAttribute('content')).toBe('0; url=https://example.org/blog/posts/a/');
    expect(page.querySelector('meta[name=robots]')?.getAttribute('content')).toBe('noindex');
    expect(page.querySelector('body a')?.getAttribute('href')).toBe('https://example.org/blog/posts/a/');
    expect(page.querySelector('title')?.text).toBe('Moved: A Post');
    expect(html.startsWith('<!doctype html>\n<html lang="fr-CA">\n<head>\n<meta charset="utf-8">')).toBe(true);
  });

  it('carries a policy that lets it load nothing', () => {
    expect(page.querySelector('meta[http-equiv=Content-Security-Policy]')?.getAttribute('content')).toBe(REDIRECT_CSP);
    expect(REDIRECT_CSP).toBe("default-src 'none'; base-uri 'none'; form-action 'none'");
  });

  it('escapes a hostile title and address: text stays text, attributes stay closed', () => {
    const hostile = redirectHtml({ target: `https://example.org/x/"><script>alert(3)</script>`, title: HOSTILE, lang: 'en' });
    const parsed = parse(hostile);
    expect(parsed.querySelectorAll('script')).toHaveLength(0);
    expect(parsed.querySelectorAll('img')).toHaveLength(0);
    expect(hostile).not.toMatch(/<script|<img|onerror=alert\(2\)>/);
    // Read back (entities decoded), the title is exactly the text the author wrote.
    expect(parsed.querySelector('title')?.text).toBe(`Moved: ${HOSTILE}`);
    expect(parsed.querySelector('body a')?.getAttribute('href')).toBe(`https://example.org/x/"><script>alert(3)</script>`);
    expect(parsed.querySelector('body a')?.text).toBe(HOSTILE);
  });

  it("speaks the site's language, the title still escaped", () => {
    const page = parse(redirectHtml({ target: 'https://example.org/posts/x/', title: 'A <b> & B', lang: 'de' }, createTranslator('de').t));
    expect(page.querySelector('title')?.text).toBe('Umgezogen: A <b> & B');
    expect(page.querySelector('body p')?.text).toBe('Dieser Beitrag ist umgezogen nach A <b> & B.');
    expect(page.querySelector('body p a')?.getAttribute('href')).toBe('https://example.org/posts/x/');
  });
});
