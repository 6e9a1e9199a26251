import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import {
  createCoverage,
  layoutOgCard,
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
    versions.push(`satori@${satoriInfo.version}`, `@resvg/resvg-js@${resvgInfo.version}`);
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
      padding: `${OG_LAYOUT.padY}px ${OG_LAYOUT.padX}px`,
      backgroundColor: COLORS.background,
      color: COLORS.text,
      fontFamily,
      borderTop: `10px solid ${COLORS.accent}`,
    },
    [
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
            width: OG_WIDTH - 2 * OG_LAYOUT.padX,
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
          paddingTop: 28,
          borderTop: `2px solid ${COLORS.rule}`,
        },
        [
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

export interface OgRenderResult {
  png: Buffer;
  /** True when the PNG came from the cache and nothing was rendered. */
  cached: boolean;
  /** Graphemes left out because no shipped font draws them; empty when all text is drawn. */
  dropped: string[];
}

export interface OgRenderer {
  render(card: OgCard): Promise<OgRenderResult>;
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

async function renderPng(card: OgCard): Promise<{ png: Buffer; dropped: string[] }> {
  const { svg, dropped, unresolved } = await renderOgSvg(card);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } }).render().asPng();
  return { png, dropped: [...new Set([...dropped, ...unresolved])] };
}

/** An OG image renderer with its PNG cache in `cacheDir` (`<cacheDir>/<key>.png`). */
export function createOgRenderer({ cacheDir }: { cacheDir: string }): OgRenderer {
  let rendered = 0;
  let reused = 0;
  let madeDir: Promise<unknown> | undefined;
  const inFlight = new Map<string, Promise<OgRenderResult>>();

  const produce = async (card: OgCard, key: string, registry: FontRegistry): Promise<OgRenderResult> => {
    const file = join(cacheDir, `${key}.png`);
    const cachedPng = await readFile(file).catch(() => undefined);
    if (cachedPng && cachedPng.subarray(0, 8).equals(PNG_SIGNATURE)) {
      reused++;
      return { png: cachedPng, cached: true, dropped: layoutOgCard(card, registry.coverage).dropped };
    }
    const { png, dropped } = await renderPng(card);
    rendered++;
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
    return { png, cached: false, dropped };
  };

  return {
    async render(card) {
      const registry = await fontRegistry();
      const key = ogCacheKey(card, registry.version);
      const pending = inFlight.get(key);
      if (pending) {
        const result = await pending;
        reused++;
        return { ...result, cached: true };
      }
      const job = produce(card, key, registry).finally(() => inFlight.delete(key));
      inFlight.set(key, job);
      return job;
    },
    stats: () => ({ rendered, reused }),
  };
}
