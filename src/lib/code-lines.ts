/**
 * Rules on a code block's lines, before and after highlighting: which lines a `diff` block
 * adds and removes, and which text the meta's marks (`/pattern/`, `"text"`) cover.
 */
import type { CodeMark, MarkKind } from './code-meta.ts';

export interface DiffLines {
  /** The code to show: the +/- column removed, unless it is a real patch. */
  code: string;
  /** 1-based lines that were `+` lines. */
  added: number[];
  /** 1-based lines that were `-` lines. */
  removed: number[];
  /** A real patch (file headers, hunks): shown as written, its +/- kept. */
  patch: boolean;
}

/**
 * The first lines of what `diff` and `git diff` print (file headers, hunks, `diff --git`,
 * `index`, normal-format commands such as `2c2`), as opposed to code written with +/- in
 * front of the lines that change.
 */
const PATCH_LINE = /^(?:(?:\+\+\+|---|\*\*\*) |@@ |diff (?:--git )?\S|index [0-9a-f]+\.\.|\d+(?:,\d+)?[acd]\d+(?:,\d+)?\s*$)/;

/**
 * Reads a `diff` block. Code written with `+` and `-` in front of the lines that change loses
 * that column (or, when the author indented every line to line up with the markers, the
 * indentation all lines share), so what is shown and copied is the code itself; a real patch
 * keeps its text. Either way the `+` and `-` lines are named.
 */
export function readDiff(code: string): DiffLines {
  const lines = code.split('\n');
  const added: number[] = [];
  const removed: number[] = [];
  const patch = lines.slice(0, 4).some((line) => PATCH_LINE.test(line));
  if (patch) {
    lines.forEach((line, i) => {
      if (/^\+(?!\+\+ )/.test(line)) added.push(i + 1);
      else if (/^-(?!-- )/.test(line)) removed.push(i + 1);
    });
    return { code, added, removed, patch };
  }
  // A marker is a lone + or - (`++i` and `--flag` are code); its width with the space after it
  // is the line's prefix, and the narrowest prefix of a non-blank line is the column to drop.
  const parsed = lines.map((line) => {
    const marker = /^[+-](?![+-])/.exec(line)?.[0];
    const prefix = /^(?:[+-](?![+-]))?[ \t]*/.exec(line)![0].length;
    return { line, marker, prefix, blank: line.trim() === '' || line.trim() === marker };
  });
  const column = Math.min(...parsed.filter((p) => !p.blank).map((p) => p.prefix), Number.POSITIVE_INFINITY);
  const shown = parsed.map(({ line, marker }, i) => {
    if (marker === '+') added.push(i + 1);
    if (marker === '-') removed.push(i + 1);
    if (Number.isFinite(column) && column > 0) {
      // drop the shared column: the marker, then as much of the column as is whitespace
      const cut = marker ? 1 : 0;
      const rest = line.slice(cut);
      const space = /^[ \t]*/.exec(rest)![0].length;
      return rest.slice(Math.min(space, column - cut));
    }
    return marker ? line.slice(1) : line;
  });
  return { code: shown.join('\n'), added, removed, patch };
}

/** A stretch of one line to mark: [start, end) in the line's text. */
export interface MarkRange {
  start: number;
  end: number;
  kind: MarkKind;
}

/** At most this many marks in one line (a pattern that matches every character must not make thousands of elements). */
const MAX_MARKS_PER_LINE = 200;

function literalRanges(line: string, text: string): [number, number][] {
  const found: [number, number][] = [];
  for (let at = line.indexOf(text); at >= 0; at = line.indexOf(text, at + text.length)) found.push([at, at + text.length]);
  return found;
}

function patternRanges(line: string, pattern: RegExp): [number, number][] {
  const found: [number, number][] = [];
  for (const match of line.matchAll(pattern)) {
    const indices = match.indices;
    if (!indices) continue;
    // With capture groups only what they capture is marked (as Expressive Code does).
    const groups = indices.length > 1 ? indices.slice(1) : indices.slice(0, 1);
    for (const group of groups) if (group && group[1] > group[0]) found.push([group[0], group[1]]);
    if (found.length > MAX_MARKS_PER_LINE) break;
  }
  return found;
}

function compile(text: string): RegExp | undefined {
  try {
    return new RegExp(text, 'gd');
  } catch {
    return undefined;
  }
}

/**
 * The stretches of each line that the marks cover. A `/pattern/` mark covers its text as
 * written and, when it reads as a regular expression, what that matches (rehype-pretty-code
 * reads it one way, Expressive Code the other). Occurrences are counted through the block.
 * Overlaps are resolved in favour of the stretch that starts first (the longer one at a tie).
 */
export function markRanges(lines: readonly string[], marks: readonly CodeMark[]): MarkRange[][] {
  const result: MarkRange[][] = lines.map(() => []);
  for (const mark of marks) {
    const pattern = mark.pattern ? compile(mark.text) : undefined;
    const wanted = new Set(mark.occurrences);
    let seen = 0;
    lines.forEach((line, i) => {
      const found = literalRanges(line, mark.text);
      if (pattern) found.push(...patternRanges(line, pattern));
      found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      let end = -1;
      for (const [start, stop] of found) {
        if (start < end) continue; // the same text found both ways, or overlapping matches
        end = stop;
        seen += 1;
        if (wanted.size === 0 || wanted.has(seen)) result[i]!.push({ start, end: stop, kind: mark.kind });
      }
    });
  }
  return result.map((ranges) => {
    ranges.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: MarkRange[] = [];
    for (const range of ranges) {
      if (kept.length >= MAX_MARKS_PER_LINE) break;
      if (range.start >= (kept.at(-1)?.end ?? 0)) kept.push(range);
    }
    return kept;
  });
}
