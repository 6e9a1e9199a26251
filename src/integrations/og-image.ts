import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { reportCacheDamage } from './cache-damage.ts';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import {
  coveredCard,
  createCoverage,
  layoutOgCard,
  OG_CONTENT_WIDTH,
  OG_HEIGHT,
  OG_LAYOUT,
  OG_WIDTH,
  ogCacheKey,
  parseUnicodeRange,
  pillWidth,
  subsetsFor,
  type Coverage,
  type FontSubset,
  type MeasureText,
  type OgCard,
  type OgCardLayout,
  type OgFont,
} from '../lib/og.ts';
import { createWorkerPool, type WorkerPool } from './og-pool.ts';

/**
 * Open Graph card images, drawn with Skia (@napi-rs/canvas: prebuilt binaries from npm) and
 * encoded as JPEG by Skia, kept in a disk cache keyed by everything drawn, so a rebuild
 * with unchanged posts draws nothing. The layout rules are src/lib/og.ts's, fed with Skia's
 * own text measurements, so the lines they choose are the lines drawn.
 *
 * Fonts come from npm (fontsource .woff files; no network): Inter for Latin, Latin
 * Extended, Vietnamese, Greek and Cyrillic, and Noto Sans JP for kana, kanji and CJK
 * punctuation. Both are split into unicode-range subsets, each registered with Skia under
 * its own family name on first use in a thread; a text is drawn with the family list of
 * the subsets its characters need, so fallback from one to the next is Skia's. Characters
 * no subset covers (emoji, Hangul, Arabic, ...) are left out and reported: Skia would take
 * them from the machine's installed fonts, or draw boxes.
 */

/** Bump when the drawing below or the layout rules in src/lib/og.ts change what is drawn. */
export const OG_TEMPLATE_VERSION = '2';
/** Skia's JPEG quality (the issue chose 85-90): ~45 KiB a typical card, clean text edges. */
const JPEG_QUALITY = 88;

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
    subsets: (keys) => ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'].filter((k) => keys.includes(k)).map((k) => ({ key: k, file: k })),
    file: (subset, weight) => `inter-${subset}-${weight}-normal.woff`,
  },
  slicedCjk('noto-sans-jp'),
];

interface SubsetFont {
  /** Position in the fallback order. */
  rank: number;
  path: (weight: Weight) => string;
}

interface FontRegistry {
  coverage: Coverage;
  /** By subset id, which is also the family name Skia knows it by. */
  subsets: Map<string, SubsetFont>;
  /** Font packages, Skia and the encoder with their versions: part of every cache key. */
  version: string;
}

const require = createRequire(import.meta.url);

async function packageInfo(pkg: string): Promise<{ dir: string; version: string }> {
  let dir = dirname(require.resolve(pkg));
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

/** The characters a WOFF 1.0 file has glyphs for: its cmap table's formats 4 and 12. */
export function woffCodePoints(woff: Buffer): Set<number> {
  const entry = Array.from({ length: woff.readUInt16BE(12) }, (_, i) => 44 + 20 * i).find((at) => woff.toString('latin1', at, at + 4) === 'cmap');
  if (woff.toString('latin1', 0, 4) !== 'wOFF' || entry === undefined) throw new Error('og image: not a WOFF file with a cmap table');
  const [offset, length, original] = [4, 8, 12].map((n) => woff.readUInt32BE(entry + n)) as [number, number, number];
  const cmap = length < original ? inflateSync(woff.subarray(offset, offset + length)) : woff.subarray(offset, offset + length);
  const u16 = (at: number) => cmap.readUInt16BE(at);
  const found = new Set<number>();
  for (let i = 0; i < u16(2); i++) {
    const table = cmap.readUInt32BE(8 + 8 * i);
    if (u16(table) === 4) {
      const segments = u16(table + 6) / 2;
      const [ends, starts, deltas, rangeOffsets] = [0, 1, 2, 3].map((n) => table + 14 + n * 2 * segments + (n > 0 ? 2 : 0)) as [number, number, number, number];
      for (let s = 0; s < segments; s++) {
        const [start, end, delta, rangeOffset] = [starts, ends, deltas, rangeOffsets].map((at) => u16(at + 2 * s)) as [number, number, number, number];
        for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
          const glyph = rangeOffset === 0 ? (cp + delta) & 0xffff : u16(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - start));
          if (glyph !== 0) found.add(cp);
        }
      }
    } else if (u16(table) === 12) {
      for (let g = 0; g < cmap.readUInt32BE(table + 12); g++) {
        const at = table + 16 + 12 * g;
        for (let cp = cmap.readUInt32BE(at); cp <= cmap.readUInt32BE(at + 4); cp++) found.add(cp);
      }
    }
  }
  return found;
}

let registryPromise: Promise<FontRegistry> | undefined;

/** Reads the font packages' unicode-range tables, once per thread. */
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
        const path = (weight: Weight) => join(dir, 'files', family.file(file, weight));
        subsets.set(id, { rank: ranges.length, path });
        // read only when a character of its ranges is first asked about; both weights map the same characters
        let glyphs: Set<number> | undefined;
        const has = (cp: number) => (glyphs ??= woffCodePoints(readFileSync(path(700)))).has(cp);
        ranges.push({ id, ranges: parseUnicodeRange(table[key] ?? ''), has });
      }
    }
    const canvas = await packageInfo('@napi-rs/canvas');
    versions.push(`@napi-rs/canvas@${canvas.version}`, `jpeg-q${JPEG_QUALITY}`);
    return { coverage: createCoverage(ranges), subsets, version: `og-template@${OG_TEMPLATE_VERSION};${versions.join(';')}` };
  })();
  registryPromise.catch(() => {
    registryPromise = undefined;
  });
  return registryPromise;
}

/**
 * What a thread draws with: Skia (loaded on the first card the thread draws, so a build whose
 * cards are all cached never loads it), one canvas drawn over whole for every card, and the
 * subsets the thread registered. Skia's font list is shared by the process's threads, but
 * each registers what it draws with itself (again, if another did: that is a no-op), so it
 * never draws with a face another thread is halfway through registering.
 */
interface Surface {
  skia: typeof import('@napi-rs/canvas');
  registry: FontRegistry;
  canvas: Canvas;
  ctx: SKRSContext2D;
  registered: Set<string>;
}

let surfacePromise: Promise<Surface> | undefined;

function surface(): Promise<Surface> {
  surfacePromise ??= (async () => {
    const registry = await fontRegistry();
    const skia = await import('@napi-rs/canvas');
    const canvas = skia.createCanvas(OG_WIDTH, OG_HEIGHT);
    const ctx = canvas.getContext('2d');
    ctx.lang = 'en'; // pinned: the default follows the host's language, and so would the glyphs
    ctx.textBaseline = 'middle';
    return { skia, registry, canvas, ctx, registered: new Set<string>() };
  })();
  surfacePromise.catch(() => {
    surfacePromise = undefined;
  });
  return surfacePromise;
}

/** The quoted family list for `text`: the subsets its characters need, in fallback order. */
function familyFor({ skia, registry, registered }: Surface, text: string): string {
  const ids = [...subsetsFor(text, registry.coverage).add('inter-latin')];
  const fonts = ids.map((id) => [id, registry.subsets.get(id)!] as const).sort((a, b) => a[1].rank - b[1].rank);
  for (const [id, font] of fonts) {
    if (registered.has(id)) continue;
    for (const weight of WEIGHTS) {
      if (!skia.GlobalFonts.registerFromPath(font.path(weight), id)) throw new Error(`og image: Skia cannot read ${font.path(weight)}`);
    }
    registered.add(id);
  }
  return fonts.map(([id]) => `"${id}"`).join(', ');
}

/** Sets the context up to draw or measure `text` in `font`. */
function useFont(surface: Surface, font: OgFont, text: string): void {
  surface.ctx.font = `${font.weight} ${font.size}px ${familyFor(surface, text)}`;
  surface.ctx.letterSpacing = `${(font.tracking ?? 0) * font.size}px`;
}

// ---------------------------------------------------------------------------------------
// Drawing

function drawCard(surface: Surface, layout: OgCardLayout, measure: MeasureText): void {
  const { ctx } = surface;
  const { padX, padY, accentBar, markSize, rule, footerRow, footerGap, pill } = OG_LAYOUT;
  const text = (value: string, font: OgFont, x: number, middle: number, color: string) => {
    if (value === '') return;
    useFont(surface, font, value);
    ctx.fillStyle = color;
    ctx.fillText(value, x, middle);
  };
  const box = (x: number, y: number, width: number, height: number, radius: number, color: string) => {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(x, y, width, height, radius);
    ctx.fill();
  };
  box(0, 0, OG_WIDTH, OG_HEIGHT, 0, COLORS.background);
  box(0, 0, OG_WIDTH, accentBar, 0, COLORS.accent);

  // the site's mark and name, in a row as high as the name's line
  const headerTop = padY + accentBar;
  const headerMiddle = headerTop + (OG_LAYOUT.siteName.size * 1.2) / 2;
  box(padX, headerMiddle - markSize / 2, markSize, markSize, 7, COLORS.accent);
  text(layout.siteName, OG_LAYOUT.siteName, padX + markSize + 16, headerMiddle, COLORS.text);

  // the footer: a rule, the date on the left, the tags as pills on the right
  const footerMiddle = OG_HEIGHT - padY - footerRow / 2;
  const ruleTop = OG_HEIGHT - padY - footerRow - footerGap - rule;
  box(padX, ruleTop, OG_CONTENT_WIDTH, rule, 0, COLORS.rule);
  text(layout.date, OG_LAYOUT.date, padX, footerMiddle, COLORS.muted);
  const labels = [...layout.tags.shown, ...(layout.tags.more > 0 ? [`+${layout.tags.more}`] : [])];
  let right = OG_WIDTH - padX;
  for (const label of labels.reverse()) {
    const width = pillWidth(label, measure);
    box(right - width, footerMiddle - footerRow / 2, width, footerRow, footerRow / 2, COLORS.pill);
    text(label, pill.font, right - width + pill.padding, footerMiddle - 1, COLORS.accent);
    right -= width + pill.gap;
  }

  // the title, centred between the header and the rule
  const { lines, font } = layout.title;
  const lineHeight = font.size * OG_LAYOUT.lineHeight;
  const headerBottom = headerTop + OG_LAYOUT.siteName.size * 1.2;
  const top = headerBottom + (ruleTop - headerBottom - lines.length * lineHeight) / 2;
  for (const [i, line] of lines.entries()) text(line, font, padX, top + (i + 0.5) * lineHeight, COLORS.text);
}

export interface OgJpeg {
  jpeg: Buffer;
  /** Graphemes left out: no font draws them. */
  dropped: string[];
  /** CPU time of the thread that drew it (layout, drawing and encoding; not loading Skia and the fonts), in ms. */
  drawMs: number;
  /** The thread that drew it (0: the main thread). */
  thread: number;
}

/** This thread's CPU time in ms. */
const threadCpuMs = (): number => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/** Skia's width of a text as the card draws it: what the layout rules measure with. */
const measureWith =
  (drawing: Surface): MeasureText =>
  (text, font) => {
    if (text === '') return 0;
    useFont(drawing, font, text);
    return drawing.ctx.measureText(text).width;
  };

/** The fonts' coverage and Skia's measure, as the renderer hands them to src/lib/og.ts (for tests of the layout). */
export async function ogTextTools(): Promise<{ coverage: Coverage; measure: MeasureText }> {
  const drawing = await surface();
  return { coverage: drawing.registry.coverage, measure: measureWith(drawing) };
}

/** Draws one card and encodes it. What the workers run and the in-process path: one function, so the same bytes. */
export async function renderOgJpeg(card: OgCard): Promise<OgJpeg> {
  const drawing = await surface();
  // from here on synchronous: in the main thread, the time around an await is other work's
  const started = threadCpuMs();
  const measure = measureWith(drawing);
  const layout = layoutOgCard(card, drawing.registry.coverage, measure);
  drawCard(drawing, layout, measure);
  // encodeSync, not encode: the work stays in this thread (and in its CPU time)
  const jpeg = drawing.canvas.encodeSync('jpeg', JPEG_QUALITY);
  return { jpeg, dropped: layout.dropped, drawMs: threadCpuMs() - started, thread: threadId };
}

/** Loads Skia and registers the Latin fonts: what nearly every card needs, done once per thread. */
export async function loadOgFonts(): Promise<void> {
  familyFor(await surface(), 'A');
}

// ---------------------------------------------------------------------------------------
// The worker pool: one per process, shared by every renderer

const WORKER_FILE = 'og-worker.ts';

/**
 * Where the worker's module is: beside this file when it runs from source. In a build this
 * module is bundled into a chunk under the output directory (and `import.meta.url` points
 * there), so `src/integrations/og-worker.ts` is also looked for in the folders above the chunk
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
      candidates.push(join(dir, 'src', 'integrations', WORKER_FILE));
      if (dirname(dir) === dir) break;
    }
  }
  return candidates.find((file) => existsSync(file));
}

const POOL = Symbol.for('folio.ogPool');
const poolHolder = globalThis as { [POOL]?: WorkerPool<OgCard, OgJpeg> };
const RENDERERS = Symbol.for('folio.ogRenderers');
const renderersHolder = globalThis as { [RENDERERS]?: Map<string, OgRenderer> };

/**
 * Cards drawn in-process at most: starting a worker (Node, the module, Skia and the fonts)
 * costs ~150 ms of CPU, about a dozen cards, and the main thread has time for a few.
 */
export const OG_IN_PROCESS_MAX = 16;

/**
 * Workers for `missing` cards: none for a handful (drawn in-process), one per 64 more, and
 * at most two, leaving a core to the main thread (content sync and page rendering are one
 * thread): one on a 2-core machine.
 */
export function ogWorkerCount(missing: number, inProcessMax = OG_IN_PROCESS_MAX, cores = availableParallelism()): number {
  return missing <= inProcessMax ? 0 : Math.min(2, Math.max(1, cores - 1), Math.ceil(missing / 64));
}

/**
 * The pool, started on first use with `size` workers, in-process if none can start.
 * Kept on globalThis so a bundled copy of this module and the source one share it.
 */
function ogPool(size: number): WorkerPool<OgCard, OgJpeg> {
  const existing = poolHolder[POOL];
  if (existing && existing.mode() !== 'closed') return existing;
  const file = ogWorkerFile();
  if (!file) console.warn(`[og] ${WORKER_FILE} not found from ${process.cwd()}; drawing cards in-process`);
  const pool = createWorkerPool<OgCard, OgJpeg>({
    file,
    size,
    // ~250 ms of cards queued in each worker: enough to keep it drawing through content sync's long synchronous stretches
    inFlight: 16,
    name: 'folio-og',
    fallback: renderOgJpeg,
    receive: (value) => {
      const reply = value as Omit<OgJpeg, 'jpeg'> & { jpeg: Uint8Array };
      return { ...reply, jpeg: Buffer.from(reply.jpeg.buffer, reply.jpeg.byteOffset, reply.jpeg.byteLength) };
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
  // and the next build (in this process) starts with new renderers, nothing drawn early
  delete renderersHolder[RENDERERS];
  await pool?.close();
}

// ---------------------------------------------------------------------------------------
// The renderer and its disk cache

/** A card in the cache: its JPEG file, not its bytes (thousands of cards may be pending at once). */
export interface OgFileResult {
  file: string;
  cached: boolean;
  dropped: string[];
  /** CPU time spent drawing it, in whichever thread drew it (0 when it came from the cache). */
  drawMs: number;
  /** The thread that drew it (0: the main thread); null when it came from the cache. */
  thread: number | null;
  /** Drawn early, during content sync (drawEarly), and claimed by the page that shows it. */
  early?: boolean;
}

export interface OgRenderer {
  /**
   * Each card's file in the cache, in order. The cache is looked at for all of them first:
   * the cards missing are drawn in this thread when they are a handful
   * (`inProcessMax`), else by a worker pool sized by their number; none starts when all are cached.
   */
  renderFiles(cards: readonly OgCard[]): Promise<OgFileResult>[];
  /**
   * Starts the cards a build is expected to ask for, before it asks: content sync is one
   * thread, so a worker has a core to itself meanwhile. renderFiles then claims each card
   * drawn (or found in the cache) here, and draws only what was not foreseen. A card that
   * failed here is reported when claimed, as renderFiles reports its own.
   */
  drawEarly(cards: readonly OgCard[]): void;
}

export interface OgRendererOptions {
  cacheDir: string;
  /** At most this many missing cards are drawn in-process (tests: 0 or Infinity). */
  inProcessMax?: number;
}

const JPEG_START = Buffer.from([0xff, 0xd8, 0xff]);

const JPEG_END = Buffer.from([0xff, 0xd9]);

/**
 * Whether a cache file is a whole JPEG: it starts and ends like one. A damaged one (a cache
 * restored half-saved, a full disk) is drawn again, and reported.
 */
async function inCache(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    const start = await handle.read(Buffer.alloc(JPEG_START.length), 0, JPEG_START.length, 0);
    const end = size >= JPEG_START.length + JPEG_END.length ? await handle.read(Buffer.alloc(JPEG_END.length), 0, JPEG_END.length, size - JPEG_END.length) : undefined;
    const whole = start.bytesRead === JPEG_START.length && start.buffer.equals(JPEG_START) && end?.bytesRead === JPEG_END.length && end.buffer.equals(JPEG_END);
    if (!whole) reportCacheDamage(file);
    return whole;
  } finally {
    await handle.close();
  }
}

/** An OG image renderer with its JPEG cache in `cacheDir` (`<cacheDir>/<key>.jpg`). */
export function createOgRenderer({ cacheDir, inProcessMax = OG_IN_PROCESS_MAX }: OgRendererOptions): OgRenderer {
  let madeDir: Promise<unknown> | undefined;
  const inFlight = new Map<string, Promise<OgFileResult>>();

  const store = async (file: string, jpeg: Buffer) => {
    madeDir ??= mkdir(cacheDir, { recursive: true });
    await madeDir;
    // write then rename, so a reader never sees half a file
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, jpeg);
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  };

  const renderBatch = async (cards: readonly OgCard[]) => {
    const registry = await fontRegistry();
    const keys = cards.map((card) => ogCacheKey(card, registry.version));
    const found = await Promise.all(keys.map(async (key) => inFlight.has(key) || inCache(join(cacheDir, `${key}.jpg`))));
    const missing = new Set(keys.filter((_, i) => !found[i]));
    const workers = ogWorkerCount(missing.size, inProcessMax);
    const pool = workers > 0 ? ogPool(workers) : undefined;
    const draw = pool ? (card: OgCard) => pool.submit(card) : renderOgJpeg;
    const produce = async (card: OgCard, key: string): Promise<OgFileResult> => {
      const file = join(cacheDir, `${key}.jpg`);
      if (!missing.has(key)) return { file, cached: true, dropped: coveredCard(card, registry.coverage).dropped, drawMs: 0, thread: null };
      const { jpeg, dropped, drawMs, thread } = await draw(card);
      await store(file, jpeg);
      return { file, cached: false, dropped, drawMs, thread };
    };
    const reuse = async (pending: Promise<OgFileResult>): Promise<OgFileResult> => ({ ...(await pending), cached: true, drawMs: 0, thread: null });
    return cards.map((card, i) => {
      const key = keys[i]!;
      const pending = inFlight.get(key);
      if (pending) return reuse(pending);
      const job = produce(card, key).finally(() => inFlight.delete(key));
      // handled by whoever asked, maybe a few turns later (the cards drawn early are claimed later)
      job.catch(() => {});
      inFlight.set(key, job);
      return job;
    });
  };

  // Cards started by drawEarly, by key, until a page claims them.
  let early = Promise.resolve(new Map<string, Promise<OgFileResult>>());

  return {
    renderFiles(cards) {
      const batch = early.then(async (started) => {
        const registry = await fontRegistry();
        const claimed = cards.map((card) => {
          const key = ogCacheKey(card, registry.version);
          const pending = started.get(key);
          started.delete(key);
          const claimed = pending?.then((result) => ({ ...result, early: true }));
          claimed?.catch(() => {}); // handed on below, after the rest are drawn
          return claimed;
        });
        const rest = cards.filter((_, i) => !claimed[i]);
        const fresh = rest.length > 0 ? await renderBatch(rest) : [];
        let next = 0;
        return claimed.map((pending) => pending ?? fresh[next++]!);
      });
      return cards.map((_, i) => batch.then((results) => results[i]!));
    },
    drawEarly(cards) {
      early = early.then(async (started) => {
        try {
          const registry = await fontRegistry();
          const results = await renderBatch(cards);
          // a card that failed is claimed failed, and reported as one drawn late would be
          for (const [i, card] of cards.entries()) started.set(ogCacheKey(card, registry.version), results[i]!);
        } catch {
          // the fonts or the cache folder: renderFiles meets the same and reports it
        }
        return started;
      });
    },
  };
}

/** The card cache: `og/` in the cache folder (FOLIO_CACHE_DIR, as astro.config.mjs's cacheDir). */
export const ogCacheDir = (env: NodeJS.ProcessEnv = process.env): string => resolve(env['FOLIO_CACHE_DIR'] ?? 'node_modules/.astro', 'og');

/**
 * The process's renderer for a cache folder: the content loader, which draws cards early,
 * and the pages, which claim them, load their own copies of this module (hence a global).
 */
export function sharedOgRenderer(cacheDir: string): OgRenderer {
  const renderers = (renderersHolder[RENDERERS] ??= new Map());
  let renderer = renderers.get(cacheDir);
  if (!renderer) {
    renderer = createOgRenderer({ cacheDir });
    renderers.set(cacheDir, renderer);
  }
  return renderer;
}
