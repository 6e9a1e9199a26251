import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import {
  createCoverage,
  layoutOgCard,
  OG_CONTENT_WIDTH,
  OG_HEIGHT,
  OG_LAYOUT,
  OG_WIDTH,
  ogCacheKey,
  parseUnicodeRange,
  subsetsFor,
  type Coverage,
  type FontSubset,
  type OgCard,
  type OgCardLayout,
} from '../lib/og.ts';
import { encodeOpaquePng, PNG_DEFAULTS } from './og-png.ts';
import { createWorkerPool, type PoolJob, type WorkerPool } from './og-pool.ts';

/**
 * Open Graph card images: satori lays the card out as SVG with the glyphs as paths,
 * resvg rasterises it to PNG, and the PNG is kept in a disk cache keyed by everything
 * drawn, so a rebuild with unchanged posts renders nothing.
 *
 * Fonts come from npm (fontsource .woff files; no network): Inter for Latin, Latin
 * Extended, Vietnamese, Greek and Cyrillic, and Noto Sans JP for kana, kanji and CJK
 * punctuation. Both are split into unicode-range subsets; only the subsets whose ranges
 * hold characters of the card are loaded, each file once per process. Characters no
 * subset covers (emoji, Hangul, Arabic, ...) are left out and reported, never drawn as boxes.
 *
 * Cards are drawn off the main thread by a small worker pool (src/build/og-worker.ts runs
 * `renderOgPng`, the same function the in-process fallback runs, so the bytes are the
 * same either way), and `prefetch` lets a build start every missing card before its pages
 * ask for them.
 */

/** Bump when the template below or the layout rules in src/lib/og.ts change what is drawn. */
export const OG_TEMPLATE_VERSION = '1';

const COLORS = {
  background: '#fbfaf7',
  text: '#1f2328',
  muted: '#656d76',
  accent: '#a23b1e',
  pill: '#f1ece3',
  rule: '#e7e1d6',
};

const WEIGHTS = [400, 700] as const;
type Weight = (typeof WEIGHTS)[number];

/** A font family shipped as a fontsource package, in the order fonts are tried. */
interface FamilySource {
  pkg: string;
  /** unicode.json keys to use, in priority order, and the file-name part of each. */
  subsets: (keys: string[]) => { key: string; file: string }[];
  file: (subset: string, weight: Weight) => string;
}

/**
 * A CJK family from fontsource, in Google's numbered unicode-range slices ("[0]".."[119]",
 * ~10-60 KB each). Its Latin subsets are left to Inter. Another family of the same shape
 * (e.g. `slicedCjk('noto-sans-kr')` for Hangul, `'noto-sans-sc'` for Simplified Chinese)
 * is one more line in FAMILIES and one more npm package.
 */
const slicedCjk = (id: string): FamilySource => ({
  pkg: `@fontsource/${id}`,
  subsets: (keys) =>
    keys
      .filter((k) => /^\[\d+\]$/.test(k))
      .map((k) => ({ key: k, file: k.slice(1, -1) }))
      // the high slices hold kana and the commonest kanji: try them first
      .sort((a, b) => Number(b.file) - Number(a.file)),
  file: (subset, weight) => `${id}-${subset}-${weight}-normal.woff`,
});

/** Fonts in fallback order: the first family whose range covers a character draws it. */
const FAMILIES: FamilySource[] = [
  {
    pkg: '@fontsource/inter',
    subsets: (keys) =>
      ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext']
        .filter((k) => keys.includes(k))
        .map((k) => ({ key: k, file: k })),
    file: (subset, weight) => `inter-${subset}-${weight}-normal.woff`,
  },
  slicedCjk('noto-sans-jp'),
];

interface SubsetFont {
  /** The family name satori knows this subset by. */
  name: string;
  /** Position in the fallback order. */
  rank: number;
  path: (weight: Weight) => string;
}

interface FontRegistry {
  coverage: Coverage;
  subsets: Map<string, SubsetFont>;
  /** Font packages and engines with their versions: part of every cache key. */
  version: string;
}

const require = createRequire(import.meta.url);

async function packageInfo(pkg: string, entry = pkg): Promise<{ dir: string; version: string }> {
  let dir = dirname(require.resolve(entry));
  // walk up from the entry file to the package's own package.json
  for (;;) {
    try {
      const json = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === pkg) return { dir, version: json.version ?? '0' };
    } catch {
      // no package.json here
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`og image: cannot find the package.json of ${pkg}`);
    dir = up;
  }
}

let registryPromise: Promise<FontRegistry> | undefined;

/** Reads the font packages' unicode-range tables, once per process. */
function fontRegistry(): Promise<FontRegistry> {
  registryPromise ??= (async () => {
    const subsets = new Map<string, SubsetFont>();
    const ranges: FontSubset[] = [];
    const versions: string[] = [];
    for (const family of FAMILIES) {
      const { dir, version } = await packageInfo(family.pkg);
      versions.push(`${family.pkg}@${version}`);
      const table = JSON.parse(await readFile(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
      for (const { key, file } of family.subsets(Object.keys(table))) {
        const id = `${family.pkg.replace('@fontsource/', '')}-${file}`;
        subsets.set(id, { name: id, rank: ranges.length, path: (weight) => join(dir, 'files', family.file(file, weight)) });
        ranges.push({ id, ranges: parseUnicodeRange(table[key] ?? '') });
      }
    }
    const satoriInfo = await packageInfo('satori', 'satori/package.json');
    const resvgInfo = await packageInfo('@resvg/resvg-js');
    versions.push(`satori@${satoriInfo.version}`, `@resvg/resvg-js@${resvgInfo.version}`, PNG_ENCODING);
    return { coverage: createCoverage(ranges), subsets, version: `og-template@${OG_TEMPLATE_VERSION};${versions.join(';')}` };
  })();
  registryPromise.catch(() => {
    registryPromise = undefined;
  });
  return registryPromise;
}

/** Font file contents by path: each file is read once per process and the same Buffer reused, so satori parses it once. */
const fontFiles = new Map<string, Promise<Buffer>>();
const loadFontFile = (path: string) => {
  let data = fontFiles.get(path);
  if (!data) {
    data = readFile(path);
    fontFiles.set(path, data);
    data.catch(() => fontFiles.delete(path));
  }
  return data;
};

interface SatoriFont {
  name: string;
  data: Buffer;
  weight: Weight;
  style: 'normal';
}

/**
 * The same array for the same set of fonts, so satori's per-array font cache hits. Kept
 * to the few most recent sets: satori keeps a font loader per live array.
 */
const fontSets = new Map<string, SatoriFont[]>();
const FONT_SETS_KEPT = 16;

async function fontsFor(registry: FontRegistry, layout: OgCardLayout): Promise<{ fonts: SatoriFont[]; family: string }> {
  const byWeight: [Weight, string][] = [
    [700, layout.title.text],
    [700, layout.siteName],
    [400, layout.date],
    [400, [...layout.tags.shown, `+${layout.tags.more}`].join(' ')],
  ];
  const wanted = new Map<string, Set<Weight>>([['inter-latin', new Set(WEIGHTS)]]);
  for (const [weight, text] of byWeight) {
    for (const id of subsetsFor(text, registry.coverage)) {
      const weights = wanted.get(id) ?? new Set<Weight>();
      weights.add(weight);
      wanted.set(id, weights);
    }
  }
  const chosen = [...wanted.entries()]
    .map(([id, weights]) => ({ font: registry.subsets.get(id)!, weights: [...weights].sort((a, b) => a - b) }))
    .sort((a, b) => a.font.rank - b.font.rank);
  const family = chosen.map(({ font }) => `'${font.name}'`).join(', ');
  const signature = chosen.map(({ font, weights }) => `${font.name}:${weights.join('+')}`).join(',');
  let fonts = fontSets.get(signature);
  if (fonts) {
    fontSets.delete(signature);
  } else {
    fonts = await Promise.all(
      chosen.flatMap(({ font, weights }) =>
        weights.map(async (weight) => ({ name: font.name, data: await loadFontFile(font.path(weight)), weight, style: 'normal' as const })),
      ),
    );
  }
  fontSets.set(signature, fonts);
  for (const old of fontSets.keys()) {
    if (fontSets.size <= FONT_SETS_KEPT) break;
    fontSets.delete(old);
  }
  return { fonts, family };
}

// ---------------------------------------------------------------------------------------
// The template: satori's element tree as plain objects

type Style = Record<string, string | number>;
interface OgNode {
  type: string;
  props: { style?: Style; lang?: string; children?: string | OgNode | (string | OgNode)[] };
}
const el = (style: Style, children?: OgNode['props']['children'], lang?: string): OgNode => ({
  type: 'div',
  props: { style, ...(children === undefined ? {} : { children }), ...(lang === undefined ? {} : { lang }) },
});

const pill = (label: string): OgNode =>
  el(
    {
      display: 'flex',
      alignItems: 'center',
      height: 44,
      marginLeft: OG_LAYOUT.pill.gap,
      padding: `0 ${OG_LAYOUT.pill.padding}px 2px`,
      borderRadius: 999,
      backgroundColor: COLORS.pill,
      color: COLORS.accent,
      fontSize: OG_LAYOUT.pill.fontSize,
      fontWeight: 400,
    },
    label,
  );

/** A filled rectangle at a place in its positioned parent, out of the flex flow. */
const bar = (box: { top: number; left: number; width: number; height: number }, color: string): OgNode =>
  el({ position: 'absolute', ...box, backgroundColor: color });

function cardTree(layout: OgCardLayout, fontFamily: string): OgNode {
  const { title } = layout;
  const tags = [...layout.tags.shown.map(pill), ...(layout.tags.more > 0 ? [pill(`+${layout.tags.more}`)] : [])];
  return el(
    {
      width: OG_WIDTH,
      height: OG_HEIGHT,
      boxSizing: 'border-box',
      display: 'flex',
      flexDirection: 'column',
      padding: `${OG_LAYOUT.padY + OG_LAYOUT.accentBar}px ${OG_LAYOUT.padX}px ${OG_LAYOUT.padY}px`,
      backgroundColor: COLORS.background,
      color: COLORS.text,
      fontFamily,
    },
    [
      // Rules are filled boxes, not CSS borders: satori draws a border as a stroke inside
      // nested clip paths, which cost resvg ~15% more per card than a plain rectangle.
      bar({ top: 0, left: 0, width: OG_WIDTH, height: OG_LAYOUT.accentBar }, COLORS.accent),
      el({ display: 'flex', alignItems: 'center' }, [
        el({
          width: OG_LAYOUT.markSize,
          height: OG_LAYOUT.markSize,
          borderRadius: 7,
          backgroundColor: COLORS.accent,
          marginRight: 16,
        }),
        el({ display: 'flex', fontSize: OG_LAYOUT.siteNameSize, fontWeight: 700, letterSpacing: '-0.01em' }, layout.siteName),
      ]),
      el({ display: 'flex', flexGrow: 1, alignItems: 'center' }, [
        el(
          {
            display: 'block',
            width: OG_CONTENT_WIDTH,
            fontSize: title.fontSize,
            fontWeight: 700,
            lineHeight: 1.12,
            letterSpacing: '-0.02em',
            lineClamp: title.maxLines,
            wordBreak: 'break-word',
          },
          title.text,
        ),
      ]),
      el(
        {
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          position: 'relative',
          paddingTop: 28 + OG_LAYOUT.rule,
        },
        [
          bar({ top: 0, left: 0, width: OG_CONTENT_WIDTH, height: OG_LAYOUT.rule }, COLORS.rule),
          el({ display: 'flex', alignItems: 'center', height: 44, fontSize: OG_LAYOUT.footerSize, color: COLORS.muted }, layout.date),
          el({ display: 'flex', alignItems: 'center' }, tags),
        ],
      ),
    ],
  );
}

// ---------------------------------------------------------------------------------------
// Rendering and the cache

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The encoder and its settings (zlib's output can change between zlib versions): part of every cache key. */
const PNG_ENCODING = `png@rgb-f${PNG_DEFAULTS.filter}-z${PNG_DEFAULTS.level}-zlib${process.versions.zlib}`;

export interface OgRenderResult {
  png: Buffer;
  /** True when the PNG came from the cache and nothing was rendered. */
  cached: boolean;
  /** Graphemes left out because no shipped font draws them; empty when all text is drawn. */
  dropped: string[];
}

/** A card in the cache: its PNG file, not its bytes (thousands of cards may be pending at once). */
export interface OgFileResult {
  file: string;
  cached: boolean;
  dropped: string[];
  /** CPU time spent drawing it, in whichever thread drew it (0 when it came from the cache). */
  drawMs: number;
}

export interface OgRenderer {
  render(card: OgCard): Promise<OgRenderResult>;
  /** Like `render`, but leaves the PNG in the cache and returns its path. */
  renderFile(card: OgCard): Promise<OgFileResult>;
  /**
   * Starts drawing, in the background, every card not in the cache, and returns once they
   * are queued; a later `render` of one of them waits for it (moving it up the queue)
   * rather than drawing it again. Errors surface from `render`, which draws again.
   */
  prefetch(cards: OgCard[]): Promise<void>;
  stats(): { rendered: number; reused: number };
}

export interface OgSvg {
  svg: string;
  /** Graphemes left out because the font tables cover none of their characters. */
  dropped: string[];
  /** Text satori still found no glyph for (its loadAdditionalAsset calls): empty unless a table is wrong. */
  unresolved: string[];
}

/**
 * Lays a card out as SVG. Satori names every text segment its fonts cannot draw; if a
 * unicode-range table promised a glyph its file lacks, those characters are dropped too
 * and the card is laid out again, so no missing-glyph box is ever drawn.
 */
export async function renderOgSvg(card: OgCard): Promise<OgSvg> {
  const registry = await fontRegistry();
  let coverage = registry.coverage;
  for (let attempt = 0; ; attempt++) {
    const layout = layoutOgCard(card, coverage);
    const { fonts, family } = await fontsFor(registry, layout);
    const unresolved: string[] = [];
    const svg = await satori(cardTree(layout, family) as unknown as Parameters<typeof satori>[0], {
      width: OG_WIDTH,
      height: OG_HEIGHT,
      fonts,
      loadAdditionalAsset: async (_code: string, segment: string) => {
        unresolved.push(segment);
        return [];
      },
    });
    if (unresolved.length === 0 || attempt > 0) return { svg, dropped: layout.dropped, unresolved };
    const gone = new Set([...unresolved.join('')].map((ch) => ch.codePointAt(0)!));
    const base = coverage;
    coverage = (cp) => (gone.has(cp) ? undefined : base(cp));
  }
}

export interface OgPng {
  png: Buffer;
  /** Graphemes left out: no font draws them. */
  dropped: string[];
  /** CPU time of the thread that drew it (layout, rasterising and encoding), in ms. */
  drawMs: number;
}

/** This thread's CPU time in ms (wall time where Node cannot tell: before 23.9). */
const threadCpuMs = (): number => {
  if (typeof process.threadCpuUsage !== 'function') return performance.now();
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/**
 * Draws one card: satori's SVG, resvg's pixels, our PNG encoder (RGB: the card is opaque).
 * What the workers run, and the in-process fallback: one function, so the same bytes.
 */
export async function renderOgPng(card: OgCard): Promise<OgPng> {
  const started = threadCpuMs();
  const { svg, dropped, unresolved } = await renderOgSvg(card);
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } }).render();
  // a template with a see-through background would keep its alpha through resvg's encoder
  const png = encodeOpaquePng(image.pixels, image.width, image.height) ?? image.asPng();
  return { png, dropped: [...new Set([...dropped, ...unresolved])], drawMs: threadCpuMs() - started };
}

/** Reads the font tables and the Latin font files: what nearly every card needs, done once per thread. */
export async function loadOgFonts(): Promise<void> {
  const registry = await fontRegistry();
  const latin = registry.subsets.get('inter-latin');
  if (latin) await Promise.all(WEIGHTS.map((weight) => loadFontFile(latin.path(weight))));
}

// ---------------------------------------------------------------------------------------
// The worker pool: one per process, shared by every renderer

const WORKER_FILE = 'og-worker.ts';

/**
 * Where the worker's module is: beside this file when it runs from source. In a build this
 * module is bundled into a chunk under the output directory (and `import.meta.url` points
 * there), so `src/build/og-worker.ts` is also looked for in the folders above the chunk
 * and above the working directory. Undefined if none has it: cards are drawn in-process.
 */
export function ogWorkerFile(starts?: string[]): string | undefined {
  const candidates: string[] = [];
  if (!starts) {
    starts = [process.cwd()];
    try {
      const here = dirname(fileURLToPath(import.meta.url));
      candidates.push(join(here, WORKER_FILE));
      starts.unshift(here);
    } catch {
      // not a file: URL; the working directory remains
    }
  }
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      candidates.push(join(dir, 'src', 'build', WORKER_FILE));
      if (dirname(dir) === dir) break;
    }
  }
  return candidates.find((file) => existsSync(file));
}

/** What a worker posts back: bytes (transferred, not copied) and the dropped graphemes. */
interface OgWorkerReply {
  png: Uint8Array;
  dropped: string[];
  drawMs: number;
}

const POOL = Symbol.for('folio.ogPool');
const poolHolder = globalThis as { [POOL]?: WorkerPool<OgCard, OgPng> };

/**
 * The pool, started on first use: min(2, cores) workers, in-process if none can start.
 * Kept on globalThis so a bundled copy of this module and the source one share it.
 */
function ogPool(): WorkerPool<OgCard, OgPng> {
  const existing = poolHolder[POOL];
  if (existing && existing.mode() !== 'closed') return existing;
  const file = ogWorkerFile();
  if (!file) console.warn(`[og] ${WORKER_FILE} not found from ${process.cwd()}; drawing cards in-process`);
  const pool = createWorkerPool<OgCard, OgPng>({
    file,
    size: Math.min(2, availableParallelism()),
    name: 'folio-og',
    fallback: renderOgPng,
    receive: (value) => {
      const { png, dropped, drawMs } = value as OgWorkerReply;
      return { png: Buffer.from(png.buffer, png.byteOffset, png.byteLength), dropped, drawMs };
    },
    onFallback: (reason) => console.warn(`[og] worker threads unavailable (${reason.message}); drawing cards in-process`),
  });
  poolHolder[POOL] = pool;
  return pool;
}

/**
 * Ends the card workers (the pool restarts if a card is drawn later). Idle workers never
 * keep the process alive, so this is tidiness at the end of a build, not a requirement.
 */
export async function closeOgRenderers(): Promise<void> {
  const pool = poolHolder[POOL];
  delete poolHolder[POOL];
  await pool?.close();
}

// ---------------------------------------------------------------------------------------
// The renderer and its disk cache

export interface OgRendererOptions {
  cacheDir: string;
  /** Draw in worker threads (default) or in this thread. Both give the same bytes. */
  workers?: boolean;
}

/** An OG image renderer with its PNG cache in `cacheDir` (`<cacheDir>/<key>.png`). */
export function createOgRenderer({ cacheDir, workers = true }: OgRendererOptions): OgRenderer {
  let rendered = 0;
  let reused = 0;
  let madeDir: Promise<unknown> | undefined;
  const inFlight = new Map<string, Promise<OgFileResult>>();
  /**
   * Cards `prefetch` started; `done` gives their dropped graphemes once the PNG is in the
   * cache (the PNG itself is not kept: thousands of cards may be waiting for their page).
   */
  const prefetched = new Map<string, { promote: () => void; done: Promise<{ dropped: string[]; drawMs: number }> }>();

  const draw = (card: OgCard, background: boolean): PoolJob<OgPng> =>
    workers ? ogPool().submit(card, { background }) : { result: renderOgPng(card), promote: () => {} };

  const store = async (file: string, png: Buffer) => {
    madeDir ??= mkdir(cacheDir, { recursive: true });
    await madeDir;
    // write then rename, so a reader never sees half a file
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, png);
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  };

  /** Whether a cache file starts like a PNG (a damaged or half-written one is drawn again). */
  const inCache = async (file: string): Promise<boolean> => {
    const handle = await open(file, 'r').catch(() => undefined);
    if (!handle) return false;
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(PNG_SIGNATURE.length), 0, PNG_SIGNATURE.length, 0);
      return bytesRead === PNG_SIGNATURE.length && buffer.equals(PNG_SIGNATURE);
    } finally {
      await handle.close();
    }
  };

  const produce = async (card: OgCard, key: string, registry: FontRegistry): Promise<OgFileResult> => {
    const file = join(cacheDir, `${key}.png`);
    if (await inCache(file)) {
      reused++;
      return { file, cached: true, dropped: layoutOgCard(card, registry.coverage).dropped, drawMs: 0 };
    }
    const { png, dropped, drawMs } = await draw(card, false).result;
    rendered++;
    await store(file, png);
    return { file, cached: false, dropped, drawMs };
  };

  /** A card `prefetch` started: wait for it (first in the queue now). */
  const collect = async (card: OgCard, key: string, registry: FontRegistry): Promise<OgFileResult> => {
    const started = prefetched.get(key)!;
    prefetched.delete(key);
    started.promote();
    let drawn: { dropped: string[]; drawMs: number };
    try {
      drawn = await started.done;
    } catch {
      return produce(card, key, registry); // draws it again, and reports its error if it has one
    }
    rendered++;
    return { file: join(cacheDir, `${key}.png`), cached: false, ...drawn };
  };

  const renderFile = async (card: OgCard): Promise<OgFileResult> => {
    const registry = await fontRegistry();
    const key = ogCacheKey(card, registry.version);
    const pending = inFlight.get(key);
    if (pending) {
      const result = await pending;
      reused++;
      return { ...result, cached: true, drawMs: 0 };
    }
    const job = (prefetched.has(key) ? collect : produce)(card, key, registry).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
    return job;
  };

  return {
    async render(card) {
      const { file, cached, dropped } = await renderFile(card);
      return { png: await readFile(file), cached, dropped };
    },
    renderFile,
    async prefetch(cards) {
      if (!workers) return; // in this thread, drawing ahead would only compete with the pages
      const registry = await fontRegistry();
      for (const card of cards) {
        const key = ogCacheKey(card, registry.version);
        if (inFlight.has(key) || prefetched.has(key)) continue;
        const file = join(cacheDir, `${key}.png`);
        // a cache hit never reaches the pool (a damaged file is drawn again by render)
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > PNG_SIGNATURE.length) continue;
        const job = draw(card, true);
        const done = job.result.then(async ({ png, dropped, drawMs }) => {
          await store(file, png);
          return { dropped, drawMs };
        });
        done.catch(() => {}); // render draws it again and reports the error
        prefetched.set(key, { promote: job.promote, done });
      }
    },
    stats: () => ({ rendered, reused }),
  };
}
