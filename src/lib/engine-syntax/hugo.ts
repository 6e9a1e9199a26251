/**
 * Hugo shortcodes: `{{< name args >}}` and `{{% name args %}}`, closed by `{{< /name >}}` when paired.
 * Hugo's built-in ones become the Markdown or HTML they stand for (nothing is fetched: gists and
 * posts on X become links); a site's own shortcodes are left as written with a warning.
 */
import { escapeHtml, escapeMarkdownText, fenceInfo, lineRanges, markdownDestination, markdownTitle } from './markdown.ts';
import type { Scanner } from './scanner.ts';

interface Shortcode {
  name: string;
  closing: boolean;
  positional: string[];
  /** Named arguments, keys in lower case (Hugo reads them case-insensitively). */
  named: Map<string, string>;
  /** Offset just past the shortcode. */
  end: number;
}

type Converter = (s: Scanner, at: number, sc: Shortcode) => number;

/** Longest shortcode looked at; an opener without a closer nearby is text. */
const MAX_SHORTCODE = 4000;
const VIDEO_ID = /^[A-Za-z0-9_-]+$/;
const YOUTUBE_ALLOW = 'accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share';
const VIMEO_ALLOW = 'fullscreen; picture-in-picture';

export function hugoShortcode(s: Scanner, at: number): number {
  const { body } = s;
  const delim = body[at + 2] === '%' ? '%' : '<';
  const right = delim === '<' ? '>}}' : '%}}';
  if (body.startsWith('/*', at + 3)) {
    // `{{</* x */>}}` is how Hugo writes a shortcode that must show as text.
    const close = s.nextIndex(`*/${right}`, at + 5);
    if (close < 0 || close - at > MAX_SHORTCODE) {
      s.warn(at, s.lineEnd(at), `an escaped shortcode "{{${delim}/*" that is never closed by "*/${right}"; left as written`);
      return at + 3;
    }
    const end = close + 2 + right.length;
    s.replace(at, end, `{{${delim}${body.slice(at + 5, close)}${right}`);
    return end;
  }
  const sc = parseShortcode(s, at, right);
  if (!sc) {
    s.warn(at, s.lineEnd(at), `a Hugo shortcode that could not be read (no closing "${right}" or a broken argument); left as written`);
    return at + 3;
  }
  const convert = sc.closing ? undefined : CONVERTERS.get(sc.name.toLowerCase());
  if (!convert) {
    const name = sc.closing ? `/${sc.name}` : sc.name;
    s.warn(at, sc.end, `the Hugo shortcode "${name}" has no Folio equivalent; left as written`);
    return sc.end;
  }
  return convert(s, at, sc);
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads `{{< name pos "quoted" `raw` key=value key="v" >}}` (also `/name` and self-closing `/>}}`).
 * Gives up at once without a closing delimiter nearby, and at a `{{` outside quotes, so that runs
 * of broken openers cost no more than the text they span.
 */
function parseShortcode(s: Scanner, at: number, right: string): Shortcode | undefined {
  const { body } = s;
  const closeAt = s.nextIndex(right, at + 3);
  if (closeAt < 0 || closeAt - at > MAX_SHORTCODE) return undefined;
  const limit = Math.min(body.length, at + MAX_SHORTCODE);
  let p = at + 3;
  const skipSpace = () => {
    while (p < limit && isSpace(body.charCodeAt(p))) p++;
  };
  const atEnd = () => body.startsWith(right, p) || (body[p] === '/' && body.startsWith(right, p + 1));
  const readValue = (): { text: string; bare: boolean } | undefined => {
    const c = body[p];
    if (c === '"') {
      let text = '';
      for (p++; p < limit; p++) {
        const ch = body[p];
        if (ch === '\\' && p + 1 < limit) text += body[++p];
        else if (ch === '"') {
          p++;
          return { text, bare: false };
        } else text += ch;
      }
      return undefined;
    }
    if (c === '`') {
      const close = body.indexOf('`', p + 1);
      if (close < 0 || close >= limit) return undefined;
      const text = body.slice(p + 1, close);
      p = close + 1;
      return { text, bare: false };
    }
    const start = p;
    for (; p < limit; p++) {
      const ch = body.charCodeAt(p);
      if (isSpace(ch) || ch === 61 /* = */ || (ch === 123 /* { */ && body.charCodeAt(p + 1) === 123) || atEnd()) break;
    }
    return p > start ? { text: body.slice(start, p), bare: true } : undefined;
  };

  skipSpace();
  const closing = body[p] === '/';
  if (closing) {
    p++;
    skipSpace();
  }
  const nameRe = /[\w.-]+(?:\/[\w.-]+)*/y;
  nameRe.lastIndex = p;
  const name = nameRe.exec(body)?.[0];
  if (!name) return undefined;
  p += name.length;
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (;;) {
    skipSpace();
    if (p >= limit) return undefined;
    if (body.startsWith(right, p)) return { name, closing, positional, named, end: p + right.length };
    if (body[p] === '/' && body.startsWith(right, p + 1)) return { name, closing, positional, named, end: p + 1 + right.length };
    const token = readValue();
    if (!token) return undefined;
    if (token.bare && body[p] === '=') {
      p++;
      const value = readValue();
      if (!value) return undefined;
      named.set(token.text.toLowerCase(), value.text);
    } else positional.push(token.text);
  }
}

const arg = (sc: Shortcode, key: string, position?: number): string | undefined => {
  const value = sc.named.get(key) ?? (position === undefined ? undefined : sc.positional[position]);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The closing `{{< /name >}}` / `{{% /name %}}` after `from`. */
function findClosing(s: Scanner, name: string, from: number): RegExpExecArray | null {
  return s.find(new RegExp(`\\{\\{[<%]\\s*/${name}\\s*[>%]\\}\\}`, 'g'), from);
}

/** Caption text for an alt attribute: Markdown links and emphasis, and HTML tags, reduced to their words. */
const plainText = (markdown: string): string =>
  markdown
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();

/**
 * `figure`: an HTML figure around a Markdown image, so a relative image still goes through the
 * Markdown image pipeline. The blank lines end the HTML blocks around it (CommonMark HTML blocks
 * of the `<figure>` kind run to the next blank line). With a width or height, a raw `<img>`.
 */
const figure: Converter = (s, at, sc) => {
  const src = arg(sc, 'src');
  if (!src) {
    s.warn(at, sc.end, 'a figure shortcode without src; left as written');
    return sc.end;
  }
  const title = arg(sc, 'title');
  const caption = arg(sc, 'caption')?.replace(/\s*\n\s*/g, ' ');
  const alt = arg(sc, 'alt') ?? plainText(caption ?? '');
  const link = arg(sc, 'link');
  const linkAttrs = [
    ['target', arg(sc, 'target')],
    ['rel', arg(sc, 'rel')],
  ]
    .flatMap(([name, value]) => (value ? [` ${name}="${escapeHtml(value)}"`] : []))
    .join('');
  const width = arg(sc, 'width');
  const height = arg(sc, 'height');
  const cls = arg(sc, 'class');
  const lines = [cls ? `<figure class="${escapeHtml(cls)}">` : '<figure>'];
  if (width || height) {
    const size = `${width ? ` width="${escapeHtml(width)}"` : ''}${height ? ` height="${escapeHtml(height)}"` : ''}`;
    const img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${size}>`;
    lines.push(link ? `<a href="${escapeHtml(link)}"${linkAttrs}>${img}</a>` : img);
  } else {
    const image = `![${escapeMarkdownText(alt)}](${markdownDestination(src)}${title ? ` ${markdownTitle(title)}` : ''})`;
    // Markdown links can not carry target or rel: an inline <a> keeps the image Markdown inside it.
    const linked = !link ? image : linkAttrs ? `<a href="${escapeHtml(link)}"${linkAttrs}>${image}</a>` : `[${image}](${markdownDestination(link)})`;
    lines.push('', linked, '');
  }
  const attr = arg(sc, 'attr');
  const attrLink = arg(sc, 'attrlink');
  const credit = attr && attrLink ? `[${attr}](${markdownDestination(attrLink)})` : attr;
  const captionLine = [title && `<strong>${escapeHtml(title)}</strong>`, caption, credit].filter(Boolean).join(' ');
  if (captionLine) {
    if (width || height) lines.push('');
    // Between blank lines the caption is a Markdown paragraph: its links and emphasis render.
    lines.push('<figcaption>', '', captionLine, '', '</figcaption>');
  }
  lines.push('</figure>');
  s.placeBlock(at, sc.end, lines);
  return sc.end;
};

function video(kind: 'YouTube' | 'Vimeo', src: (id: string) => string, allow: string, titlePosition?: number): Converter {
  return (s, at, sc) => {
    const id = arg(sc, 'id', 0);
    if (!id || !VIDEO_ID.test(id)) {
      s.warn(at, sc.end, `a ${kind} shortcode without a valid video id; left as written`);
      return sc.end;
    }
    const title = arg(sc, 'title', titlePosition) ?? `${kind} video`;
    s.placeBlock(at, sc.end, [
      `<div class="embed embed-video"><iframe src="${src(id)}" title="${escapeHtml(title)}" loading="lazy" allow="${allow}" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></div>`,
    ]);
    return sc.end;
  };
}

/** Options as Hugo writes them: `linenos=table,hl_lines=8 15-17` or space-separated pairs. */
function highlightOptions(options: string): { lineNumbers: boolean; highlightLines: string | undefined } {
  const keys = [...options.matchAll(/([A-Za-z_]+)\s*=\s*/g)];
  let lineNumbers = false;
  let highlightLines: string | undefined;
  keys.forEach((key, i) => {
    const valueStart = key.index + key[0].length;
    const value = options
      .slice(valueStart, keys[i + 1]?.index ?? options.length)
      .replace(/^[\s,]+|[\s,]+$/g, '')
      .toLowerCase();
    const name = (key[1] ?? '').toLowerCase();
    if (name === 'linenos') lineNumbers = ['table', 'inline', 'true'].includes(value);
    else if (name === 'hl_lines') highlightLines = lineRanges(value);
  });
  return { lineNumbers, highlightLines };
}

const highlight: Converter = (s, at, sc) => {
  const close = findClosing(s, 'highlight', sc.end);
  if (!close) {
    s.warn(at, sc.end, 'a highlight shortcode that is never closed by {{< /highlight >}}; left as written');
    return sc.end;
  }
  const stop = close.index + close[0].length;
  const lang = (sc.positional[0] ?? '').toLowerCase();
  s.placeFence(at, sc.end, close.index, stop, fenceInfo(lang, highlightOptions(sc.positional[1] ?? '')));
  return stop;
};

/** `ref` and `relref`: the post's site-relative URL, its `#anchor` kept. */
const ref: Converter = (s, at, sc) => {
  const target = arg(sc, 'path', 0) ?? '';
  const hash = target.indexOf('#');
  const path = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? '' : target.slice(hash);
  const url = path === '' ? anchor || undefined : s.ctx.postUrl(path);
  if (url === undefined) {
    s.warn(at, sc.end, `no post matches "${target}"; left as written`);
    return sc.end;
  }
  s.replace(at, sc.end, path === '' ? url : url + anchor);
  return sc.end;
};

/** `gist user id [file]`: a link to the gist (Hugo's script embed would load GitHub's JavaScript). */
const gist: Converter = (s, at, sc) => {
  const [user, id, file] = sc.positional;
  if (!user || !id || !/^[A-Za-z0-9-]+$/.test(user) || !/^[A-Za-z0-9]+$/.test(id)) {
    s.warn(at, sc.end, 'a gist shortcode without a valid user and gist id; left as written');
    return sc.end;
  }
  // GitHub's anchor for a file in a gist: "file-" and the name with every other character as "-".
  const anchor = file ? `#file-${file.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : '';
  const label = `View the gist ${user}/${id}${file ? ` (${file})` : ''} on GitHub`;
  s.placeBlock(at, sc.end, [`[${escapeMarkdownText(label)}](https://gist.github.com/${user}/${id}${anchor})`]);
  return sc.end;
};

/** `tweet` / `x` (`user="u" id="1"`, or the old `tweet 1` / `tweet user 1`): a quoted link to the post. */
const post: Converter = (s, at, sc) => {
  const [first, second] = sc.positional;
  let user = arg(sc, 'user');
  let id = arg(sc, 'id');
  if (!id && second !== undefined) [user, id] = [first, second];
  else if (!id) id = first;
  if (!id || !/^\d+$/.test(id) || (user !== undefined && !/^\w{1,50}$/.test(user))) {
    s.warn(at, sc.end, `a ${sc.name} shortcode without a valid post id; left as written`);
    return sc.end;
  }
  const label = user ? `View the post by @${user} on X` : 'View the post on X';
  s.placeBlock(at, sc.end, [`> [${escapeMarkdownText(label)}](https://x.com/${user ?? 'i'}/status/${id})`]);
  return sc.end;
};

/** Hugo's `comment` shortcode: what it wraps is never published. */
const comment: Converter = (s, at, sc) => {
  const close = findClosing(s, 'comment', sc.end);
  if (!close) {
    s.warn(at, sc.end, 'a comment shortcode that is never closed by {{< /comment >}}; left as written');
    return sc.end;
  }
  const stop = close.index + close[0].length;
  s.remove(at, stop);
  return stop;
};

const CONVERTERS = new Map<string, Converter>([
  ['figure', figure],
  ['youtube', video('YouTube', (id) => `https://www.youtube-nocookie.com/embed/${id}`, YOUTUBE_ALLOW)],
  ['vimeo', video('Vimeo', (id) => `https://player.vimeo.com/video/${id}`, VIMEO_ALLOW, 2)],
  ['highlight', highlight],
  ['ref', ref],
  ['relref', ref],
  ['gist', gist],
  ['tweet', post],
  ['x', post],
  ['comment', comment],
]);
