import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import Slugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const documents = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Markdown without its code (links and headings in examples are not the document's). */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

/** The anchors GitHub gives a Markdown file's headings. */
function anchors(file: string): Set<string> {
  const slugger = new Slugger();
  return new Set(
    [
      ...readFileSync(file, 'utf8')
        .replace(/^```[\s\S]*?^```/gm, '')
        .matchAll(/^#{1,6}\s+(.+?)\s*$/gm),
    ].map((m) => slugger.slug((m[1] ?? '').replace(/[`*_]|\[([^\]]*)\]\([^)]*\)/g, '$1'))),
  );
}

/** The relative links of a document (at `doc`, with this text) that lead to no file, or to no heading of it. */
function brokenLinks(doc: string, source: string): string[] {
  const broken: string[] = [];
  for (const [, target] of prose(source).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (!target || /^[a-z]+:/i.test(target)) continue;
    const [path = '', hash] = target.split('#');
    const file = path === '' ? join(root, doc) : resolve(dirname(join(root, doc)), decodeURIComponent(path));
    if (!existsSync(file)) broken.push(`${target} (no ${relative(root, file)})`);
    else if (hash && file.endsWith('.md') && !anchors(file).has(hash)) broken.push(`${target} (no heading #${hash})`);
  }
  return broken;
}

/** The `npm run` scripts a text names that package.json does not have. */
const unknownScripts = (source: string) => [...source.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!).filter((name) => !scripts.includes(name));

describe('README and docs', () => {
  it('has the documents the README links to, and the README stays a short front door', () => {
    expect(documents.length).toBeGreaterThan(5);
    expect(readFileSync(join(root, 'README.md')).length).toBeLessThanOrEqual(8 * 1024);
  });

  for (const doc of documents) {
    it(`${doc}: every relative link resolves, to a heading too`, () => {
      expect(brokenLinks(doc, readFileSync(join(root, doc), 'utf8'))).toEqual([]);
    });

    it(`${doc}: every npm script it names exists`, () => {
      expect(unknownScripts(readFileSync(join(root, doc), 'utf8'))).toEqual([]);
    });
  }

  it('finds a broken link, a missing heading and a missing script (the checks can fail)', () => {
    const text = '[x](nowhere.md) [y](docs/writing.md#no-such-heading) [z](README.md) `[in code](nowhere-either.md)` npm run nonexistent, npm run build';
    expect(brokenLinks('README.md', text)).toEqual(['nowhere.md (no nowhere.md)', 'docs/writing.md#no-such-heading (no heading #no-such-heading)']);
    expect(unknownScripts(text)).toEqual(['nonexistent']);
  });
});
