import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse, type HTMLElement } from 'node-html-parser';
import { XMLParser } from 'fast-xml-parser';

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export class Dist {
  readonly files: string[];
  constructor(
    readonly dir: string,
    /** "/" or "/blog/" */
    readonly base: string,
    readonly origin: string,
  ) {
    this.files = listFiles(dir);
  }

  read(file: string): string {
    return readFileSync(join(this.dir, file), 'utf8');
  }

  html(file: string): HTMLElement {
    return parse(this.read(file));
  }

  htmlFiles(): string[] {
    return this.files.filter((f) => f.endsWith('.html'));
  }

  /** The site-relative URL of an HTML file ("posts/x/index.html" → "/blog/posts/x/"). */
  urlOf(file: string): string {
    const path = file.replace(/(^|\/)index\.html$/, '$1');
    return encodeURI(`${this.base}${path}`);
  }

  /**
   * The search index's page fragments (Pagefind stores each page's URL, meta and text gzipped,
   * after a "pagefind_dcd" signature), those of the main bundle and of every shard.
   */
  searchFragments(): SearchFragment[] {
    return this.files
      .filter((f) => /^pagefind\/(?:shard-\d+\/)?fragment\//.test(f))
      .map(
        (f) =>
          JSON.parse(
            gunzipSync(readFileSync(join(this.dir, f)))
              .toString('utf8')
              .replace(/^pagefind_dcd/, ''),
          ) as SearchFragment,
      );
  }

  /** The directives of an HTML page's Content-Security-Policy meta. */
  metaPolicy(file: string): Policy {
    return parsePolicy(this.html(file).querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '');
  }

  /** The dist file a site-relative URL resolves to, or undefined (directory URLs → index.html). */
  resolve(url: string): string | undefined {
    const u = new URL(url, `${this.origin}${this.base}`);
    if (u.origin !== this.origin || !u.pathname.startsWith(this.base)) return undefined;
    const path = decodeURIComponent(u.pathname.slice(this.base.length));
    const candidates = path === '' || path.endsWith('/') ? [`${path}index.html`] : [path, `${path}/index.html`];
    return candidates.find((c) => existsSync(join(this.dir, c)) && statSync(join(this.dir, c)).isFile());
  }
}

export interface SearchFragment {
  url: string;
  content: string;
  word_count: number;
  meta: Record<string, string>;
}

/** A Content-Security-Policy's directives, by name. */
export type Policy = Record<string, string[]>;

export function parsePolicy(text: string): Policy {
  return Object.fromEntries(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

export const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, htmlEntities: true });

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// What the build tests read from parsed feeds, sitemaps and JSON-LD (JSON.parse and the XML parser
// type their results any); a list the XML parser may give as one value or many stays unknown.
export interface RssDocument {
  rss: { channel: { link: string; language: string; lastBuildDate: string; item?: unknown } };
}
export interface SitemapIndexDocument {
  sitemapindex: { sitemap: unknown };
}
export interface SitemapDocument {
  urlset: { url: unknown };
}
export interface JsonFeed {
  version: string;
  feed_url: string;
  home_page_url: string;
  items: { url: string; title: string; content_html: string; date_published: string; tags?: string[] }[];
}
export interface JsonLd {
  '@type': string;
  url?: string;
  headline?: string;
  description?: string;
  keywords?: string;
  itemListElement?: { item: string }[];
}
