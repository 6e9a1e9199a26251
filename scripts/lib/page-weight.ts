// What one built page costs a reader: its HTML and every stylesheet, script and font it
// loads, each counted once, raw and gzip-compressed (level 9, each file on its own, as a
// static host would send it). The post's own images (img, picture, srcset) are left out:
// they are the author's content, not the theme's weight. Also lists every request to
// another origin and every render-blocking script. Reads files only; prints nothing.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse, type HTMLElement } from 'node-html-parser';

export type ResourceKind = 'html' | 'css' | 'js' | 'font' | 'other';

export interface Resource {
  kind: ResourceKind;
  /** The URL as the page (or stylesheet, or script) wrote it; "inline <style>" for inline code. */
  url: string;
  /** The file under the dist directory, relative to it; undefined for inline code. */
  file: string | undefined;
  /** Inline code is already inside the HTML's bytes: it is counted in its kind, not again in the page total. */
  inline: boolean;
  bytes: number;
  gzipBytes: number;
}

export interface Weight {
  bytes: number;
  gzipBytes: number;
}

export interface PageMeasurement {
  /** The HTML file, relative to the dist directory. */
  page: string;
  /** The base path the page's URLs were resolved against ("/" or "/blog/"). */
  base: string;
  /** The site's origin (from the canonical link), against which "another origin" is judged. */
  origin: string;
  resources: Resource[];
  html: Weight;
  /** Linked stylesheets (and their @imports) plus inline <style>. */
  css: Weight;
  /** External scripts, their same-origin module imports, and inline scripts (JSON data blocks excluded). */
  js: Weight;
  /** Every @font-face source in the page's CSS (the first url() of each src). */
  fonts: Weight;
  /** Other same-origin requests the page makes: icons, manifests, preloads that are not images. */
  other: Weight;
  /** What a first visit downloads: the HTML plus every file above, each once (inline code not counted twice). */
  total: Weight;
  /** Every URL the page, its CSS or its JS would request from another origin. */
  thirdParty: { url: string; from: string }[];
  /** Distinct other origins among thirdParty. */
  thirdPartyOrigins: string[];
  /** <script src> in <head> without type=module, defer or async. */
  renderBlockingScripts: string[];
  /** Same-origin references with no file in the dist directory (a broken build). */
  missing: { url: string; from: string }[];
}

export interface MeasureOptions {
  /** The base path; by default read from the page's canonical link, else "/". */
  base?: string;
}

const gzip = (text: Buffer | string) => gzipSync(text, { level: 9 }).length;
const weigh = (resources: Resource[]): Weight => ({
  bytes: resources.reduce((n, r) => n + r.bytes, 0),
  gzipBytes: resources.reduce((n, r) => n + r.gzipBytes, 0),
});

/** A placeholder origin for pages without a canonical link: only relative URLs are then same-origin. */
const LOCAL_ORIGIN = 'http://folio.invalid';

/** XML namespace URIs appear as strings in scripts (createElementNS) but are never fetched. */
const NAMESPACE = /^https?:\/\/www\.w3\.org\/(1999\/xhtml|2000\/svg|1999\/xlink|1998\/Math\/MathML|XML\/1998\/namespace|2000\/xmlns\/?)$/;

/** The page's URL path below the base: "posts/x/index.html" → "posts/x/". */
function pagePath(htmlFile: string): string {
  return htmlFile
    .split(sep)
    .join('/')
    .replace(/(^|\/)index\.html$/, '$1');
}

/** The origin and base a page lives at, read from its canonical link (its URL ends with the page's path). */
function locate(root: HTMLElement, htmlFile: string, options: MeasureOptions): { origin: string; base: string } {
  const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute('href');
  let origin = LOCAL_ORIGIN;
  let base = options.base;
  if (canonical && /^https?:\/\//.test(canonical)) {
    const url = new URL(canonical);
    origin = url.origin;
    const path = decodeURI(url.pathname);
    const own = pagePath(htmlFile);
    if (base === undefined && path.endsWith(own)) base = path.slice(0, path.length - own.length);
  }
  base ??= '/';
  if (!base.endsWith('/')) base += '/';
  if (!base.startsWith('/')) base = `/${base}`;
  return { origin, base };
}

/** URLs in a srcset attribute ("a.webp 640w, b.webp 960w"). */
const srcsetUrls = (srcset: string | undefined): string[] =>
  (srcset ?? '')
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);

/** url(...) references in CSS text, with @import "x" too. */
function cssUrls(css: string): { imports: string[]; urls: string[]; fontSources: string[] } {
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const urlOf = (m: string) =>
    m
      .replace(/^url\(\s*/i, '')
      .replace(/\s*\)$/, '')
      .replace(/^["']|["']$/g, '');
  const imports = [...clean.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi)].map((m) => m[1] ?? '');
  const urls = [...clean.matchAll(/url\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)/gi)].map((m) => urlOf(m[0]));
  const fontSources: string[] = [];
  for (const face of clean.matchAll(/@font-face\s*\{([^}]*)\}/gi)) {
    // A browser downloads the first source it supports: count the first url() of each src.
    for (const src of (face[1] ?? '').matchAll(/(?:^|;|\{)\s*src\s*:([^;]*)/gi)) {
      const first = (src[1] ?? '').match(/url\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)/i);
      if (first) fontSources.push(urlOf(first[0]));
    }
  }
  return { imports, urls: urls.filter((u) => !u.startsWith('data:') && !u.startsWith('#')), fontSources };
}

/** Module specifiers a script imports (static, re-exports and literal dynamic imports). */
function jsImports(js: string): string[] {
  const out = [...js.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"'\n]+)["']/g), ...js.matchAll(/\bimport\s*\(\s*["'`]([^"'`\n]+)["'`]\s*\)/g)].map(
    (m) => m[1] ?? '',
  );
  return out.filter((s) => /^(\.{0,2}\/|https?:)/.test(s));
}

/** Absolute URLs written as string literals in a script: each is a request it might make. */
const jsAbsoluteUrls = (js: string): string[] => [...js.matchAll(/["'`]((?:https?:)?\/\/[^"'`\s]+)["'`]/g)].map((m) => m[1] ?? '').filter((u) => !NAMESPACE.test(u));

/** Measures one built page: `htmlFile` is relative to `distDir` (e.g. "posts/hello-world/index.html"). */
export function measurePage(distDir: string, htmlFile: string, options: MeasureOptions = {}): PageMeasurement {
  const htmlBuffer = readFileSync(join(distDir, htmlFile));
  const root = parse(htmlBuffer.toString('utf8'));
  const { origin, base } = locate(root, htmlFile, options);
  const pageUrl = new URL(encodeURI(`${base}${pagePath(htmlFile)}`), origin).href;

  const resources: Resource[] = [{ kind: 'html', url: pageUrl, file: htmlFile, inline: false, bytes: htmlBuffer.length, gzipBytes: gzip(htmlBuffer) }];
  const seen = new Set<string>([htmlFile]);
  const thirdParty: { url: string; from: string }[] = [];
  const missing: { url: string; from: string }[] = [];

  /** The dist file a same-origin URL maps to; records another origin or a missing file. */
  const resolve = (ref: string, against: string, from: string, mustExist = true): { url: URL; file: string | undefined } | undefined => {
    let url: URL;
    try {
      url = new URL(ref.trim(), against);
    } catch {
      return undefined;
    }
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'javascript:') return undefined;
    if (url.origin !== origin) {
      thirdParty.push({ url: url.href, from });
      return undefined;
    }
    const path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) {
      if (mustExist) missing.push({ url: url.href, from });
      return { url, file: undefined };
    }
    const rel = path.slice(base.length);
    const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`];
    const file = candidates.find((c) => existsSync(join(distDir, c)) && statSync(join(distDir, c)).isFile());
    if (!file && mustExist) missing.push({ url: url.href, from });
    return { url, file };
  };

  const add = (kind: ResourceKind, ref: string, file: string): Buffer | undefined => {
    if (seen.has(file)) return undefined;
    seen.add(file);
    const content = readFileSync(join(distDir, file));
    resources.push({ kind, url: ref, file, inline: false, bytes: content.length, gzipBytes: gzip(content) });
    return content;
  };

  const addInline = (kind: ResourceKind, label: string, code: string) => {
    const bytes = Buffer.byteLength(code);
    if (bytes > 0) resources.push({ kind, url: label, file: undefined, inline: true, bytes, gzipBytes: gzip(code) });
  };

  // CSS: follow @import, note fonts and any other url() (only for the origin check).
  const scanCss = (css: string, cssUrl: string, from: string) => {
    const { imports, urls, fontSources } = cssUrls(css);
    for (const ref of imports) loadCss(ref, cssUrl, from);
    const fonts = new Set(fontSources);
    for (const ref of urls) {
      const target = resolve(ref, cssUrl, from);
      if (target?.file && fonts.has(ref)) add('font', target.url.href, target.file);
    }
  };
  const loadCss = (ref: string, against: string, from: string) => {
    const target = resolve(ref, against, from);
    if (!target?.file) return;
    const content = add('css', target.url.href, target.file);
    if (content) scanCss(content.toString('utf8'), target.url.href, target.file);
  };

  // JS: follow same-origin module imports; absolute URLs in string literals are possible requests.
  const scanJs = (js: string, jsUrl: string, from: string) => {
    for (const ref of jsImports(js)) loadJs(ref, jsUrl, from);
    for (const ref of jsAbsoluteUrls(js)) resolve(ref, jsUrl, from, false);
  };
  const loadJs = (ref: string, against: string, from: string) => {
    const target = resolve(ref, against, from);
    if (!target?.file) return;
    const content = add('js', target.url.href, target.file);
    if (content) scanJs(content.toString('utf8'), target.url.href, target.file);
  };

  const postImages = new Set<HTMLElement>([...root.querySelectorAll('img'), ...root.querySelectorAll('picture source')]);
  const renderBlockingScripts: string[] = [];

  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const attr = (name: string) => el.getAttribute(name) ?? undefined;
    if (tag === 'link') {
      const rel = (attr('rel') ?? '').toLowerCase().split(/\s+/);
      const href = attr('href');
      if (!href) continue;
      if (rel.includes('stylesheet')) loadCss(href, pageUrl, htmlFile);
      else if (rel.includes('modulepreload') || (rel.includes('preload') && attr('as') === 'script')) loadJs(href, pageUrl, htmlFile);
      else if (rel.includes('preload') && attr('as') === 'style') loadCss(href, pageUrl, htmlFile);
      else if (rel.includes('preload') && attr('as') === 'font') {
        const target = resolve(href, pageUrl, htmlFile);
        if (target?.file) add('font', target.url.href, target.file);
      } else if (rel.some((r) => ['icon', 'apple-touch-icon', 'manifest', 'preload', 'prefetch'].includes(r))) {
        const target = resolve(href, pageUrl, htmlFile);
        if (target?.file && !(rel.includes('preload') && attr('as') === 'image')) add('other', target.url.href, target.file);
      } else if (rel.some((r) => r === 'preconnect' || r === 'dns-prefetch')) {
        resolve(href, pageUrl, htmlFile);
      }
      // canonical, alternate, prev/next, author...: links, not requests.
    } else if (tag === 'script') {
      const type = (attr('type') ?? '').toLowerCase();
      const isJs = type === '' || type === 'module' || type.includes('javascript');
      const src = attr('src');
      if (src) {
        if (isJs) loadJs(src, pageUrl, htmlFile);
        const inHead = el.closest('head') !== null;
        if (inHead && type !== 'module' && !el.hasAttribute('defer') && !el.hasAttribute('async')) renderBlockingScripts.push(src);
      } else if (isJs) {
        addInline('js', 'inline <script>', el.rawText);
        scanJs(el.rawText, pageUrl, htmlFile);
      }
    } else if (tag === 'style') {
      addInline('css', 'inline <style>', el.rawText);
      scanCss(el.rawText, pageUrl, htmlFile);
    } else if (postImages.has(el)) {
      // The post's own images: not weighed, but another origin is still another origin.
      for (const ref of [attr('src'), ...srcsetUrls(attr('srcset'))]) if (ref) resolve(ref, pageUrl, htmlFile);
    } else {
      for (const name of ['src', 'poster', 'data']) {
        const ref = attr(name);
        if (ref && ['iframe', 'video', 'audio', 'source', 'track', 'embed', 'object', 'input'].includes(tag)) resolve(ref, pageUrl, htmlFile);
      }
      for (const ref of srcsetUrls(attr('srcset'))) resolve(ref, pageUrl, htmlFile);
    }
    const style = attr('style');
    if (style) for (const ref of cssUrls(style).urls) resolve(ref, pageUrl, htmlFile);
  }

  const ofKind = (kind: ResourceKind) => weigh(resources.filter((r) => r.kind === kind));
  return {
    page: htmlFile,
    base,
    origin,
    resources,
    html: ofKind('html'),
    css: ofKind('css'),
    js: ofKind('js'),
    fonts: ofKind('font'),
    other: ofKind('other'),
    total: weigh(resources.filter((r) => !r.inline)),
    thirdParty,
    thirdPartyOrigins: [...new Set(thirdParty.map((t) => new URL(t.url).origin))].sort(),
    renderBlockingScripts,
    missing,
  };
}

/** Post pages of a built site ("posts/.../index.html"), leaving out alias redirect pages. */
export function postPages(distDir: string): string[] {
  const dir = join(distDir, 'posts');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'index.html' && !/http-equiv="?refresh/i.test(readFileSync(full, 'utf8'))) {
        out.push(relative(distDir, full).split(sep).join('/'));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The post page closest to the median HTML size (a typical post) and the largest one. */
export function typicalAndLargest(distDir: string, pages = postPages(distDir)): { typical: string; largest: string } | undefined {
  if (pages.length === 0) return undefined;
  const sized = pages.map((page) => ({ page, size: statSync(join(distDir, page)).size })).sort((a, b) => a.size - b.size || a.page.localeCompare(b.page));
  const mid = sized.length / 2;
  const median = sized.length % 2 === 1 ? sized[Math.floor(mid)]!.size : (sized[mid - 1]!.size + sized[mid]!.size) / 2;
  const typical = [...sized].sort((a, b) => Math.abs(a.size - median) - Math.abs(b.size - median) || a.page.localeCompare(b.page))[0]!;
  return { typical: typical.page, largest: sized[sized.length - 1]!.page };
}

/** The reader's-experience budgets (issue "The reader's experience"). KB = 1000 bytes, KiB = 1024. */
export const BUDGETS = {
  /** All JavaScript a post page loads, uncompressed. */
  jsBytes: 3_000,
  /** All CSS a post page loads (linked and inline), uncompressed. */
  cssBytes: 20_000,
  /** Everything a first visit downloads, gzip-compressed, the post's images aside. */
  pageGzipBytes: 30 * 1024,
  renderBlockingScripts: 0,
  thirdPartyOrigins: 0,
} as const;

/**
 * Each budget a measurement exceeds, as a sentence; empty when within all of them. The
 * budgets count first-party bytes; `declared` are the origins of the comments and analytics
 * the site's settings turn on (src/lib/providers.ts): requests to them are reported apart,
 * not counted against the page. Any other origin is over budget.
 */
export function overBudget(m: PageMeasurement, declared: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (m.js.bytes > BUDGETS.jsBytes) problems.push(`${m.page}: JavaScript is ${m.js.bytes} B, budget ${BUDGETS.jsBytes} B`);
  if (m.renderBlockingScripts.length > 0) problems.push(`${m.page}: render-blocking script(s) in <head>: ${m.renderBlockingScripts.join(', ')}`);
  if (m.css.bytes > BUDGETS.cssBytes) problems.push(`${m.page}: CSS is ${m.css.bytes} B, budget ${BUDGETS.cssBytes} B`);
  if (m.total.gzipBytes > BUDGETS.pageGzipBytes) problems.push(`${m.page}: the page transfers ${m.total.gzipBytes} B gzipped, budget ${BUDGETS.pageGzipBytes} B`);
  const undeclared = m.thirdParty.filter((t) => !declared.includes(new URL(t.url).origin));
  if (undeclared.length > 0) {
    problems.push(`${m.page}: requests to other origins: ${undeclared.map((t) => `${t.url} (from ${t.from})`).join(', ')}`);
  }
  if (m.missing.length > 0) problems.push(`${m.page}: references with no file in dist: ${m.missing.map((t) => `${t.url} (from ${t.from})`).join(', ')}`);
  return problems;
}
