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

describe('README and docs', () => {
  it('has the documents the README links to, and the README stays a short front door', () => {
    expect(documents.length).toBeGreaterThan(5);
    expect(readFileSync(join(root, 'README.md')).length).toBeLessThanOrEqual(8 * 1024);
  });

  for (const doc of documents) {
    it(`${doc}: every relative link resolves, to a heading too`, () => {
      const text = prose(readFileSync(join(root, doc), 'utf8'));
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (!target || /^[a-z]+:/i.test(target)) continue;
        const [path = '', hash] = target.split('#');
        const file = path === '' ? join(root, doc) : resolve(dirname(join(root, doc)), decodeURIComponent(path));
        if (!existsSync(file)) broken.push(`${target} (no ${relative(root, file)})`);
        else if (hash && file.endsWith('.md') && !anchors(file).has(hash)) broken.push(`${target} (no heading #${hash})`);
      }
      expect(broken).toEqual([]);
    });

    it(`${doc}: every npm script it names exists`, () => {
      const named = [...readFileSync(join(root, doc), 'utf8').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
      expect(named.filter((name) => !scripts.includes(name!))).toEqual([]);
    });
  }

  it('finds a broken link and a missing script (the checks can fail)', () => {
    const text = '[x](nowhere.md) npm run nonexistent';
    expect([...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => existsSync(join(root, m[1]!)))).toEqual([false]);
    expect(scripts).not.toContain('nonexistent');
  });
});
