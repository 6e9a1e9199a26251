import { createHash } from 'node:crypto';

/**
 * What a post's own embeds need from the Content-Security-Policy on top of the site's
 * policy (src/integrations/csp.ts): the origins of its iframes, external scripts and remote media,
 * and the hashes of its inline scripts. Pure rules; the Markdown plugin
 * (src/markdown/embeds.ts) collects them and the post page applies them through Astro's
 * per-page CSP API.
 */
export interface CspAllowance {
  /** https origins of the post's iframes ("https://www.youtube-nocookie.com"). */
  frameSrc: string[];
  /** https origins of its external scripts. */
  scriptSrc: string[];
  /** 'sha256-…' of its inline scripts (without quotes). */
  scriptHashes: string[];
  /** https origins of its remote video, audio and tracks. */
  mediaSrc: string[];
}

export const NO_ALLOWANCE: CspAllowance = Object.freeze({ frameSrc: [], scriptSrc: [], scriptHashes: [], mediaSrc: [] });

export type OriginResult =
  /** `upgraded`: written as http://, loaded as https://. */
  { ok: true; origin: string; upgraded: boolean } | { ok: false; reason: string };

// Only plain host names, IPv4 addresses and ports: nothing that could widen a source
// expression (no "*", no path, no quote or separator that would end the token).
const SAFE_ORIGIN = /^https:\/\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/;

/**
 * The https origin a remote URL loads from, as a CSP source expression. `http://` URLs
 * are upgraded (the site's policy carries upgrade-insecure-requests, so the browser
 * would ask for https:// anyway, and a policy never lists http: origins); other schemes
 * (data:, blob:, javascript:, …) and hosts with a wildcard are refused.
 */
export function remoteOrigin(url: string): OriginResult {
  const text = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  const relative = text.startsWith('//');
  if (!relative && scheme !== 'https' && scheme !== 'http') {
    return { ok: false, reason: scheme ? `${scheme}: URLs are not allowed` : 'not an absolute URL' };
  }
  let parsed: URL;
  try {
    parsed = new URL(relative ? `https:${text}` : text);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (parsed.hostname.includes('*')) return { ok: false, reason: 'a wildcard host is not allowed' };
  const origin = `https://${parsed.host}`;
  if (!SAFE_ORIGIN.test(origin)) return { ok: false, reason: `the host ${parsed.host} cannot be listed in a policy` };
  return { ok: true, origin, upgraded: scheme === 'http' };
}

/** The https:// form of an http:// URL (what the browser will load under upgrade-insecure-requests). */
export function upgradeUrl(url: string): string {
  return url.trim().replace(/^http:/i, 'https:');
}

/**
 * The CSP hash of an inline script as the browser computes it: over the element's text
 * after HTML parsing, where every CR LF and lone CR has become LF.
 */
export function inlineScriptHash(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  return `sha256-${createHash('sha256').update(normalised, 'utf8').digest('base64')}`;
}

/** Script types the browser runs (a data block such as application/ld+json needs no hash). */
export function isExecutableScriptType(type: string | undefined): boolean {
  if (type === undefined) return true;
  const t = type.trim().toLowerCase();
  return t === '' || t === 'module' || /^(?:text|application)\/(?:x-)?(?:java|ecma)script$/.test(t) || t === 'text/jscript' || t === 'text/livescript';
}

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

/** Sorted, de-duplicated; empty lists where nothing is needed. */
export function normaliseAllowance(a: Partial<CspAllowance>): CspAllowance {
  return {
    frameSrc: sortedUnique(a.frameSrc ?? []),
    scriptSrc: sortedUnique(a.scriptSrc ?? []),
    scriptHashes: sortedUnique(a.scriptHashes ?? []),
    mediaSrc: sortedUnique(a.mediaSrc ?? []),
  };
}

/** The union of several posts' allowances: what a site-wide policy must allow. */
export function mergeAllowances(list: Iterable<CspAllowance>): CspAllowance {
  const all: CspAllowance = { frameSrc: [], scriptSrc: [], scriptHashes: [], mediaSrc: [] };
  for (const a of list) {
    all.frameSrc.push(...a.frameSrc);
    all.scriptSrc.push(...a.scriptSrc);
    all.scriptHashes.push(...a.scriptHashes);
    all.mediaSrc.push(...a.mediaSrc);
  }
  return normaliseAllowance(all);
}

export const isEmptyAllowance = (a: CspAllowance) => a.frameSrc.length === 0 && a.scriptSrc.length === 0 && a.scriptHashes.length === 0 && a.mediaSrc.length === 0;

/**
 * Directives the allowance adds besides script-src. frame-src and media-src would
 * otherwise fall back to default-src 'self', so they keep 'self'.
 */
export function extraDirectives(a: CspAllowance): (`frame-src ${string}` | `media-src ${string}`)[] {
  const out: (`frame-src ${string}` | `media-src ${string}`)[] = [];
  if (a.frameSrc.length > 0) out.push(`frame-src 'self' ${a.frameSrc.join(' ')}`);
  if (a.mediaSrc.length > 0) out.push(`media-src 'self' ${a.mediaSrc.join(' ')}`);
  return out;
}

/** What a post page hands to Astro's per-page CSP API (Astro.csp.insert…). */
export interface PageCsp {
  directives: ReturnType<typeof extraDirectives>;
  scriptResources: string[];
  scriptHashes: `sha256-${string}`[];
}

const isSha256 = (hash: string): hash is `sha256-${string}` => hash.startsWith('sha256-');

export function pageCsp(a: CspAllowance): PageCsp {
  return { directives: extraDirectives(a), scriptResources: [...a.scriptSrc], scriptHashes: a.scriptHashes.filter(isSha256) };
}

/** "frame-src https://…; script-src https://… 'sha256-…'": what a post was allowed, for the build log. */
export function describeAllowance(a: CspAllowance): string {
  const parts: string[] = [];
  if (a.frameSrc.length > 0) parts.push(`frame-src ${a.frameSrc.join(' ')}`);
  const script = [...a.scriptSrc, ...a.scriptHashes.map((h) => `'${h}'`)];
  if (script.length > 0) parts.push(`script-src ${script.join(' ')}`);
  if (a.mediaSrc.length > 0) parts.push(`media-src ${a.mediaSrc.join(' ')}`);
  return parts.join('; ');
}
