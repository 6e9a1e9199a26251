import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** The policy sent as an HTTP header by hosts that read `_headers` (Netlify, Cloudflare Pages). */
export function headerPolicy(): string {
  return [
    ...CSP_DIRECTIVES,
    `script-src 'self' 'wasm-unsafe-eval' '${cspHash(themeInitSource())}'`,
    // Per-page <style> hashes live in each page's own policy (meta); both policies apply.
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `_headers` for Netlify and Cloudflare Pages: security headers, long caching for hashed assets only. */
export function headersFile(base: string, searchBundles: readonly string[] = []): string {
  const at = (path: string) => `${base}${path}`;
  // Pagefind's fragments and index chunks are named by their content, in every search shard.
  const searchDirs = ['', ...searchBundles].flatMap((dir) => [`pagefind/${dir}fragment/*`, `pagefind/${dir}index/*`]);
  return [
    '/*',
    `  Content-Security-Policy: ${headerPolicy()}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    '  X-Frame-Options: DENY',
    '',
    // Vite's bundles and optimised images have content hashes in their names.
    at('_astro/*'),
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
    ...searchDirs.flatMap((dir) => [at(dir), '  Cache-Control: public, max-age=31536000, immutable', '']),
    '',
  ].join('\n');
}
