/**
 * Comments and analytics from other services, and exactly what each needs from the
 * Content-Security-Policy: the origins of its script, the requests it sends, its frame and
 * its stylesheet. Nothing else is widened, and nothing at all without a provider set.
 */
import { remoteOrigin } from './csp.ts';

/** giscus: comments stored in a GitHub repository's Discussions (https://giscus.app). */
export interface GiscusSettings {
  provider: 'giscus';
  /** owner/name of the repository. */
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  /** How a page finds its discussion (giscus's data-mapping). */
  mapping?: 'pathname' | 'url' | 'title' | 'og:title' | undefined;
  /** A giscus theme for each of the site's themes; defaults follow the site: light and dark. */
  theme?: { light: string; dark: string } | undefined;
}

export type CommentSettings = GiscusSettings;

export type AnalyticsSettings =
  /** Plausible (plausible.io, or `src`: a self-hosted instance's script). */
  | { provider: 'plausible'; domain: string; src?: string | undefined }
  /** Umami (`src`: the script of Umami Cloud or a self-hosted instance). */
  | { provider: 'umami'; websiteId: string; src: string }
  /** GoatCounter (`code`.goatcounter.com, or `src`: a self-hosted instance's count.js). */
  | { provider: 'goatcounter'; code: string; src?: string | undefined };

/** What a provider adds to a page's policy, by directive. */
export interface ProviderCsp {
  scriptSrc: string[];
  connectSrc: string[];
  frameSrc: string[];
  styleSrc: string[];
}

export const NO_PROVIDER_CSP: ProviderCsp = Object.freeze({ scriptSrc: [], connectSrc: [], frameSrc: [], styleSrc: [] });

/** An external script tag: its URL and data attributes, as the provider documents them. */
export interface ScriptTag {
  src: string;
  /** `defer` or `async`, as the provider's snippet has it: never render-blocking. */
  load: 'defer' | 'async';
  attributes: Record<string, string>;
}

function origin(url: string, setting: string): string {
  const result = remoteOrigin(url);
  if (!result.ok || result.upgraded) throw new Error(`${setting}: expected an https:// URL, found ${JSON.stringify(url)}`);
  return result.origin;
}

export const GISCUS_ORIGIN = 'https://giscus.app';

/** The giscus script's data attributes (what its client.js reads), for the site's current theme. */
export function giscusAttributes(settings: GiscusSettings, lang: string): Record<string, string> {
  return {
    'data-repo': settings.repo,
    'data-repo-id': settings.repoId,
    'data-category': settings.category,
    'data-category-id': settings.categoryId,
    'data-mapping': settings.mapping ?? 'pathname',
    'data-strict': '1',
    'data-reactions-enabled': '1',
    'data-emit-metadata': '0',
    'data-input-position': 'top',
    'data-lang': giscusLang(lang),
    'data-loading': 'lazy',
  };
}

/** The themes giscus is given for the site's light and dark themes. */
export function giscusThemes(settings: GiscusSettings): { light: string; dark: string } {
  return settings.theme ?? { light: 'light', dark: 'dark' };
}

/** giscus's interface languages are BCP 47 tags it ships; others fall back to their language, then English. */
const GISCUS_LANGS = [
  'ar',
  'be',
  'bg',
  'ca',
  'cs',
  'da',
  'de',
  'en',
  'eo',
  'es',
  'fa',
  'fr',
  'gr',
  'he',
  'hu',
  'id',
  'it',
  'ja',
  'kh',
  'ko',
  'nl',
  'pl',
  'pt',
  'ro',
  'ru',
  'th',
  'tr',
  'uk',
  'uz',
  'vi',
  'zh-CN',
  'zh-HK',
  'zh-TW',
];

export function giscusLang(lang: string): string {
  const exact = GISCUS_LANGS.find((l) => l.toLowerCase() === lang.toLowerCase());
  if (exact) return exact;
  const primary = lang.split('-')[0]!.toLowerCase();
  if (primary === 'zh') return 'zh-CN';
  return GISCUS_LANGS.includes(primary) ? primary : 'en';
}

/** giscus loads its client script and stylesheet and shows the discussion in a frame, all from giscus.app. */
export function commentsCsp(settings: CommentSettings | undefined): ProviderCsp {
  if (!settings) return NO_PROVIDER_CSP;
  return { scriptSrc: [GISCUS_ORIGIN], connectSrc: [], frameSrc: [GISCUS_ORIGIN], styleSrc: [GISCUS_ORIGIN] };
}

/** The analytics script tag of a provider, as its documentation writes it. */
export function analyticsScript(settings: AnalyticsSettings): ScriptTag {
  switch (settings.provider) {
    case 'plausible':
      return { src: settings.src ?? 'https://plausible.io/js/script.js', load: 'defer', attributes: { 'data-domain': settings.domain } };
    case 'umami':
      return { src: settings.src, load: 'defer', attributes: { 'data-website-id': settings.websiteId } };
    case 'goatcounter':
      return { src: settings.src ?? 'https://gc.zgo.at/count.js', load: 'async', attributes: { 'data-goatcounter': goatcounterEndpoint(settings) } };
  }
}

/** Where GoatCounter's script sends page views: the site's own counter, or the self-hosted instance's. */
function goatcounterEndpoint(settings: Extract<AnalyticsSettings, { provider: 'goatcounter' }>): string {
  return settings.src ? `${origin(settings.src, 'analytics.src')}/count` : `https://${settings.code}.goatcounter.com/count`;
}

/**
 * The script's origin, and where it sends page views: Plausible and Umami post to the origin
 * their script comes from; GoatCounter's script comes from gc.zgo.at and sends to the site's counter.
 */
export function analyticsCsp(settings: AnalyticsSettings | undefined): ProviderCsp {
  if (!settings) return NO_PROVIDER_CSP;
  const script = origin(analyticsScript(settings).src, 'analytics.src');
  const send = settings.provider === 'goatcounter' ? origin(goatcounterEndpoint(settings), 'analytics.code') : script;
  return { scriptSrc: [script], connectSrc: [send], frameSrc: [], styleSrc: [] };
}

/** Directives in the order a policy lists them, each source once. */
export function mergeProviderCsp(...parts: ProviderCsp[]): ProviderCsp {
  const union = (key: keyof ProviderCsp) => [...new Set(parts.flatMap((p) => p[key]))].sort();
  return { scriptSrc: union('scriptSrc'), connectSrc: union('connectSrc'), frameSrc: union('frameSrc'), styleSrc: union('styleSrc') };
}

/** Every origin a page may request with these providers (for the page-weight report). */
export function providerOrigins(csp: ProviderCsp): string[] {
  return [...new Set([...csp.scriptSrc, ...csp.connectSrc, ...csp.frameSrc, ...csp.styleSrc])].sort();
}
