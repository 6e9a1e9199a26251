import { english, type Translate } from './strings.ts';
import { escapeXml } from './feed.ts';

export interface RedirectPageInput {
  /** Absolute URL of the post. */
  target: string;
  /** The post's title. */
  title: string;
  /** The site's language, for <html lang>. */
  lang: string;
}

/**
 * A redirect page's own Content-Security-Policy. It is written as a file, not rendered as an
 * Astro page, so Astro adds no policy to it; it has no scripts, styles or images, so it may
 * load nothing at all (stricter than the site's policy, which a host's _headers adds as well).
 * A meta refresh is navigation, which no CSP directive governs.
 */
export const REDIRECT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The page written at an old address: a canonical link and an instant meta refresh to the
 * post, `noindex`, and a visible link for browsers that do not follow the refresh. Every
 * value is escaped: titles are the author's text, and addresses may hold quotes.
 */
export function redirectHtml({ target, title, lang }: RedirectPageInput, t: Translate = english): string {
  const url = escapeXml(target);
  const name = escapeXml(title);
  return [
    '<!doctype html>',
    `<html lang="${escapeXml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeXml(REDIRECT_CSP)}">`,
    `<title>${escapeXml(t('redirect.title', { title }))}</title>`,
    '<meta name="robots" content="noindex">',
    `<link rel="canonical" href="${url}">`,
    `<meta http-equiv="refresh" content="0; url=${url}">`,
    '</head>',
    '<body>',
    // The sentence in the site's language, the link where its table puts it.
    `<p>${t('redirect.text', { link: '\u0000' }).split('\u0000').map(escapeXml).join(`<a href="${url}">${name}</a>`)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
