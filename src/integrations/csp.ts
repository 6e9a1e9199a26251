import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extraDirectives, NO_ALLOWANCE, type CspAllowance } from '../lib/csp.ts';
import { NO_PROVIDER_CSP, type ProviderCsp } from '../lib/providers.ts';
import { MEDIA_DIR } from '../lib/urls.ts';

/** The inline theme script, exactly as BaseLayout inlines it (trimmed). */
export function themeInitSource(): string {
  return readFileSync(fileURLToPath(new URL('../scripts/theme-init.js', import.meta.url)), 'utf8').trim();
}

export const cspHash = (source: string) => `sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}` as const;

/**
 * Directives besides script-src and style-src, which Astro fills per page with hashes of
 * the page's own scripts and styles.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  // Post images may be remote URLs (covers, figures); nothing else loads from elsewhere.
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  'upgrade-insecure-requests',
] as const;

/**
 * Astro's `security.csp`: scripts only from the site itself and the hashed theme script
 * (Pagefind needs 'wasm-unsafe-eval' to start its WebAssembly, which is not 'unsafe-eval');
 * no 'unsafe-inline' and no wildcard for scripts. Inline style attributes (Shiki's token
 * colours) are allowed through style-src-attr only; <style> elements are hashed.
 */
export function cspConfig() {
  return {
    algorithm: 'SHA-256' as const,
    directives: [...CSP_DIRECTIVES],
    scriptDirective: {
      resources: ["'self'", "'wasm-unsafe-eval'"],
      hashes: [cspHash(themeInitSource())],
    },
    styleDirective: {
      resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' as const }],
    },
  };
}

/**
 * The policy sent as an HTTP header by hosts that read `_headers` (Netlify, Cloudflare Pages).
 * Browsers enforce it and the page's own <meta> policy both, so it allows what any page
 * allows: `allow` is the union of every published post's embeds (src/lib/csp.ts), while each
 * page's meta policy allows only its own. One site-wide rule rather than one per post page:
 * the hosts combine overlapping rules differently (Cloudflare joins both values, that is two
 * policies, the stricter winning; Netlify keeps one), and Cloudflare takes at most 100 rules.
 */
export function headerPolicy(allow: CspAllowance = NO_ALLOWANCE, providers: ProviderCsp = NO_PROVIDER_CSP): string {
  const script = ["'self'", "'wasm-unsafe-eval'", `'${cspHash(themeInitSource())}'`, ...providers.scriptSrc, ...allow.scriptSrc, ...allow.scriptHashes.map((h) => `'${h}'`)];
  // Comments and analytics (the providers' origins) widen the directives they need, and only those.
  const widened = (directive: string, extra: readonly string[]) => (extra.length === 0 ? directive : `${directive} ${extra.join(' ')}`);
  const frames = [...new Set([...allow.frameSrc, ...providers.frameSrc])];
  return [
    ...CSP_DIRECTIVES.map((d) => (d.startsWith('connect-src ') ? widened(d, providers.connectSrc) : d)),
    ...extraDirectives({ ...allow, frameSrc: frames }),
    `script-src ${[...new Set(script)].join(' ')}`,
    // Per-page <style> hashes live in each page's own policy (meta); both policies apply.
    widened("style-src 'self' 'unsafe-inline'", providers.styleSrc),
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Cloudflare Pages reads at most this many characters a line of `_headers`. */
export const HEADERS_LINE_LIMIT = 2000;

export interface HeadersOptions {
  /** Pagefind's search shards (their content-named folders). */
  searchBundles?: readonly string[];
  /** The union of the published posts' embeds. */
  allow?: CspAllowance;
  /** Whether posts' files were copied to the media folder (content-addressed: cached for ever). */
  media?: boolean;
  /** What the comments and analytics providers need (src/lib/providers.ts). */
  providers?: ProviderCsp;
}

/** `_headers` for Netlify and Cloudflare Pages: security headers, long caching for hashed assets only. */
export function headersFile(base: string, { searchBundles = [], allow = NO_ALLOWANCE, media = false, providers = NO_PROVIDER_CSP }: HeadersOptions = {}): string {
  const at = (path: string) => `${base}${path}`;
  // Pagefind's fragments and index chunks are named by their content, in every search shard.
  const searchDirs = ['', ...searchBundles].flatMap((dir) => [`pagefind/${dir}fragment/*`, `pagefind/${dir}index/*`]);
  const immutable = [...searchDirs, ...(media ? [`${MEDIA_DIR}/*`] : [])];
  return [
    '/*',
    `  Content-Security-Policy: ${headerPolicy(allow, providers)}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    '  X-Frame-Options: DENY',
    '',
    // Vite's bundles and optimised images have content hashes in their names.
    at('_astro/*'),
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
    ...immutable.flatMap((dir) => [at(dir), '  Cache-Control: public, max-age=31536000, immutable', '']),
    '',
  ].join('\n');
}
