// Phase timings from Astro's build log. Lines are "HH:MM:SS [area] message"; the clock in
// the log only has whole seconds, so spans between two lines use the time each line
// reached us (`at`, ms) when the caller recorded it.

export interface LogLine {
  text: string;
  /** Milliseconds since the build started, when the line arrived. */
  at?: number;
}

export interface BuildPhases {
  /** "[content] Syncing content" to "[content] Synced content". */
  contentSyncMs: number | null;
  /** "[types] Generated X". */
  typesMs: number | null;
  /** Sum of the "[vite] ✓ built in X" lines (server and client bundles). */
  bundleMs: number | null;
  /** The "generating static routes" section's "Completed in X". */
  renderMs: number | null;
  /** "[build] N page(s) built in X". */
  totalMs: number | null;
  /** N in "[build] N page(s) built in X". */
  pagesBuilt: number | null;
  /**
   * Astro's list of routes: pages rendered ("(+12ms)"), left in the output folder by the
   * incremental build ("(cached)") and copied back from its cache ("(restored)").
   */
  pages: { rendered: number; cached: number; restored: number };
  /**
   * "[og] rendered N, reused M (drawing took X ms of CPU; the end of the build spent Y ms); E started during content sync":
   * social cards drawn and taken from the cache, the CPU time of drawing summed over the threads,
   * the time the end of the build spent on them (waiting for the last ones, and copying), and
   * how many of them were started beside content sync.
   */
  og: { rendered: number; reused: number; drawMs: number | null; endMs: number | null; early: number | null } | null;
  /** "[search] indexed ... in X", when the site logs it. */
  searchMs: number | null;
  /** "(N shards, M unchanged)" on the search line: index shards, and those reused from the cache. */
  search: { shards: number; reused: number } | null;
  /**
   * The sitemap integration's work: from the line before its "`sitemap-index.xml` created"
   * (the end of rendering, or the prune's report) to that line, so the prune and the start of
   * the search index (which precede the sitemap) are included. Needs arrival times.
   */
  sitemapMs: number | null;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
export const stripAnsi = (text: string) => text.replace(ANSI, '');

/** A duration as Astro and Vite print it: "850ms", "12.34s", "1m 5s" or "2m". */
const DURATION = String.raw`(\d+m(?: [\d.]+s)?|[\d.]+\s*ms|[\d.]+\s*s)\b`;
const round = (ms: number) => Math.round(ms * 10) / 10;

export function parseDuration(text: string): number | null {
  const minutes = /^(\d+)m(?: ([\d.]+)s)?$/.exec(text.trim());
  if (minutes) return round(Number(minutes[1]) * 60_000 + Number(minutes[2] ?? 0) * 1000);
  const plain = /^([\d.]+)\s*(ms|s)$/.exec(text.trim());
  return plain ? round(Number(plain[1]) * (plain[2] === 's' ? 1000 : 1)) : null;
}

const re = (before: string) => new RegExp(before + DURATION);

/** "HH:MM:SS" at the start of a line, as seconds since midnight. */
function clockSeconds(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2}):(\d{2})\b/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

/** The duration in the first line matching `pattern` (its first group). */
function duration(lines: readonly LogLine[], pattern: RegExp): number | null {
  for (const line of lines) {
    const m = pattern.exec(line.text);
    if (m?.[1]) return parseDuration(m[1]);
  }
  return null;
}

export function parseBuildLog(input: readonly LogLine[] | string): BuildPhases {
  const lines: LogLine[] = (typeof input === 'string' ? input.split(/\r?\n/).map((text) => ({ text })) : input).map((line) => ({ ...line, text: stripAnsi(line.text).trimEnd() }));

  let contentSyncMs: number | null = null;
  const syncStart = lines.findIndex((l) => l.text.includes('[content] Syncing content'));
  const syncEnd = syncStart < 0 ? -1 : lines.findIndex((l, i) => i > syncStart && l.text.includes('[content] Synced content'));
  if (syncStart >= 0 && syncEnd >= 0) {
    const a = lines[syncStart] as LogLine;
    const b = lines[syncEnd] as LogLine;
    if (a.at !== undefined && b.at !== undefined) contentSyncMs = round(b.at - a.at);
    else {
      const [sa, sb] = [clockSeconds(a.text), clockSeconds(b.text)];
      if (sa !== undefined && sb !== undefined) contentSyncMs = ((sb - sa + 86_400) % 86_400) * 1000;
    }
  }

  let renderMs: number | null = null;
  const routes = lines.findIndex((l) => /generating static routes/.test(l.text));
  if (routes >= 0) {
    renderMs = duration(lines.slice(routes + 1), re('Completed in '));
  }

  let bundleMs: number | null = null;
  for (const line of lines) {
    const m = re('\\[vite\\] ✓ built in ').exec(line.text);
    const ms = m?.[1] ? parseDuration(m[1]) : null;
    if (ms !== null) bundleMs = round((bundleMs ?? 0) + ms);
  }

  let totalMs: number | null = null;
  let pagesBuilt: number | null = null;
  for (const line of lines) {
    const m = re('\\[build\\] (\\d+) page\\(s\\) built in ').exec(line.text);
    if (m?.[1] && m[2]) {
      pagesBuilt = Number(m[1]);
      totalMs = parseDuration(m[2]);
    }
  }

  const pages = { rendered: 0, cached: 0, restored: 0 };
  for (const line of lines) {
    const text = stripAnsi(line.text);
    if (!/[├└]─ /.test(text)) continue;
    if (/\(cached\)\s*$/.test(text)) pages.cached += 1;
    else if (/\(restored\)\s*$/.test(text)) pages.restored += 1;
    else if (/\(\+[\d.]+\s*m?s\)\s*$/.test(text)) pages.rendered += 1;
  }

  let og: BuildPhases['og'] = null;
  for (const line of lines) {
    const m = /\[og\] rendered (\d+), reused (\d+)(?: \(drawing took (\d+) ms of CPU; the end of the build spent (\d+) ms\))?(?:; (\d+) started during content sync)?/.exec(line.text);
    const number = (value: string | undefined) => (value === undefined ? null : Number(value));
    if (m) og = { rendered: Number(m[1]), reused: Number(m[2]), drawMs: number(m[3]), endMs: number(m[4]), early: number(m[5]) };
  }

  let search: BuildPhases['search'] = null;
  for (const line of lines) {
    const m = /\[search\] indexed .*\((\d+) shards?, (\d+) unchanged[);]/.exec(line.text);
    if (m) search = { shards: Number(m[1]), reused: Number(m[2]) };
  }

  let sitemapMs: number | null = null;
  const sitemap = lines.findIndex((l) => /\[@astrojs\/sitemap\] `sitemap-index\.xml` created/.test(l.text));
  const before = sitemap > 0 ? lines[sitemap - 1] : undefined;
  if (before?.at !== undefined && lines[sitemap]?.at !== undefined) sitemapMs = round(lines[sitemap].at - before.at);

  return {
    contentSyncMs,
    typesMs: duration(lines, re('\\[types\\] Generated ')),
    bundleMs,
    renderMs,
    totalMs,
    pagesBuilt,
    pages,
    og,
    searchMs: duration(lines, re('\\[search\\] indexed .* in ')),
    search,
    sitemapMs,
  };
}
