import { createTranslator } from '../../src/i18n';
import { parse, type HTMLElement } from 'node-html-parser';
import { markdownToHtml, mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { calloutsPlugin } from '../../src/markdown/markdown';
import { CALLOUT_KINDS, calloutIcon, calloutName, calloutType, localCallout, mayContainCallouts, parseCalloutMarker, withoutCalloutMarkers } from '../../src/lib/callouts';
import { plainText } from '../../src/lib/excerpt';

const render = async (markdown: string) => parse((await markdownToHtml(markdown, { mdastPlugins: [calloutsPlugin()], features: { rawHtml: true } })).html);
const callouts = (root: HTMLElement) => root.querySelectorAll('aside.callout');
const only = (root: HTMLElement): HTMLElement => {
  const found = callouts(root);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const titleOf = (callout: HTMLElement) => callout.querySelector('.callout-title > span');

describe('calloutType', () => {
  it.each([
    ['NOTE', 'note', 'Note'],
    ['TIP', 'tip', 'Tip'],
    ['IMPORTANT', 'important', 'Important'],
    ['WARNING', 'warning', 'Warning'],
    ['CAUTION', 'caution', 'Caution'],
  ])("reads GitHub's %s as its own kind", (name, kind, label) => {
    expect(calloutType(name)).toEqual({ name: name.toLowerCase(), kind, label });
  });

  it("knows every one of Obsidian's kinds, in any case", () => {
    for (const kind of ['note', 'abstract', 'info', 'todo', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote']) {
      expect(calloutType(kind).kind).toBe(kind);
      expect(calloutType(kind.toUpperCase()).kind).toBe(kind);
      expect(calloutType(`${kind[0]!.toUpperCase()}${kind.slice(1)}`).kind).toBe(kind);
    }
  });

  it.each([
    ['summary', 'abstract', 'Summary'],
    ['tldr', 'abstract', 'TL;DR'],
    ['hint', 'tip', 'Hint'],
    ['check', 'success', 'Check'],
    ['done', 'success', 'Done'],
    ['help', 'question', 'Help'],
    ['FAQ', 'question', 'FAQ'],
    ['attention', 'warning', 'Attention'],
    ['fail', 'failure', 'Fail'],
    ['missing', 'failure', 'Missing'],
    ['Error', 'danger', 'Error'],
    ['cite', 'quote', 'Cite'],
  ])("maps Obsidian's alias %s to %s, labelled %s", (name, kind, label) => {
    expect(calloutType(name)).toEqual({ name: name.toLowerCase(), kind, label });
  });

  it('draws an unknown name as a note that keeps its own name as its label', () => {
    expect(calloutType('recipe')).toEqual({ name: 'recipe', kind: 'note', label: 'Recipe' });
    expect(calloutType('my-type')).toEqual({ name: 'my-type', kind: 'note', label: 'My-type' });
    // Names of Object.prototype are names like any other, not inherited entries.
    expect(calloutType('constructor')).toEqual({ name: 'constructor', kind: 'note', label: 'Constructor' });
    expect(calloutType('__proto__').kind).toBe('note');
  });

  it('draws anything that is not a name as a plain note', () => {
    for (const value of [undefined, 42, '', 'two words', '<b>', { kind: 'tip' }]) {
      expect(calloutType(value)).toEqual({ name: 'note', kind: 'note', label: 'Note' });
    }
  });

  it('has an icon for every kind', () => {
    for (const kind of CALLOUT_KINDS) expect(calloutIcon(kind).length).toBeGreaterThan(0);
  });
});

describe('calloutName', () => {
  it('says the kind, and the title when it says something else', () => {
    expect(calloutName('Tip', '')).toBe('Tip');
    expect(calloutName('Tip', ' Tip ')).toBe('Tip');
    expect(calloutName('Tip', 'Pin the clock')).toBe('Tip: Pin the clock');
  });
});

describe('parseCalloutMarker', () => {
  it('reads the type, the fold and where the title starts', () => {
    expect(parseCalloutMarker('[!NOTE]')).toEqual({ name: 'note', kind: 'note', label: 'Note', fold: undefined, length: 7 });
    expect(parseCalloutMarker('[!faq]- Why?')).toMatchObject({ kind: 'question', fold: 'closed', length: 8 });
    expect(parseCalloutMarker('[!tip]+\nbody')).toMatchObject({ kind: 'tip', fold: 'open', length: 7 });
    expect(parseCalloutMarker('[!info]   Title')?.length).toBe(10);
  });

  it('needs the marker at the start, whole, and followed by a space, a line break or nothing', () => {
    for (const text of ['Note: [!NOTE]', ' [!NOTE]', '[!NOTE', '[!]', '[!NOTE]x', '[!NOTE]-x', '[!two words]', '[NOTE]', '!NOTE']) {
      expect(parseCalloutMarker(text), text).toBeUndefined();
    }
  });
});

describe('the Markdown plugin', () => {
  it.each([
    ['NOTE', 'note', 'Note'],
    ['TIP', 'tip', 'Tip'],
    ['IMPORTANT', 'important', 'Important'],
    ['WARNING', 'warning', 'Warning'],
    ['CAUTION', 'caution', 'Caution'],
  ])('turns a GitHub [!%s] alert into a callout', async (type, kind, label) => {
    const callout = only(await render(`> [!${type}]\n> Useful *information*.\n`));
    expect(callout.getAttribute('class')).toBe(`callout callout-${kind}`);
    expect(callout.getAttribute('role')).toBe('note');
    expect(callout.getAttribute('aria-label')).toBe(label);
    expect(callout.getAttribute('data-callout')).toBe(type.toLowerCase());
    expect(titleOf(callout)?.text).toBe(label);
    expect(callout.querySelector('p.callout-title > svg.callout-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(callout.querySelector('.callout-body')?.innerHTML).toBe('<p>Useful <em>information</em>.</p>');
    expect(callout.text).not.toContain('[!');
  });

  it('reads Obsidian types and aliases in any case, titles and all', async () => {
    const root = await render('> [!Summary] The short of it\n> Body.\n\n> [!ERROR]\n> Broken.\n\n> [!hint] Try this\n');
    expect(callouts(root).map((c) => [c.getAttribute('class'), c.getAttribute('aria-label'), titleOf(c)?.text])).toEqual([
      ['callout callout-abstract', 'Summary: The short of it', 'The short of it'],
      ['callout callout-danger', 'Error', 'Error'],
      ['callout callout-tip', 'Hint: Try this', 'Try this'],
    ]);
  });

  it('keeps Markdown in a custom title, and names the callout by its text', async () => {
    const callout = only(await render('> [!warning] Mind **the** `TZ` and [zones](https://example.org/tz)\n> Body text.\n'));
    expect(titleOf(callout)?.innerHTML).toBe('Mind <strong>the</strong> <code>TZ</code> and <a href="https://example.org/tz">zones</a>');
    expect(callout.getAttribute('aria-label')).toBe('Warning: Mind the TZ and zones');
    expect(callout.querySelector('.callout-body')?.innerHTML).toBe('<p>Body text.</p>');
  });

  it('names a callout by its wikilinks as the page shows them', async () => {
    const callout = only(await render('> [!info] See [[hello-world|the first post]] and [[notes]]\n> Body.\n'));
    expect(callout.getAttribute('aria-label')).toBe('Info: See the first post and notes');
  });

  it('ends the title at a hard line break too', async () => {
    const callout = only(await render('> [!tip] Title  \n> Body after a break.\n'));
    expect(titleOf(callout)?.text).toBe('Title');
    expect(callout.querySelector('.callout-body')?.text).toBe('Body after a break.');
  });

  it('folds with - (closed) and + (open) as details and summary', async () => {
    const root = await render('> [!faq]- Closed?\n> Hidden answer.\n\n> [!faq]+ Open?\n> Shown answer.\n\n> [!faq] Not foldable\n> Plain.\n');
    const [closed, open, plain] = callouts(root);
    expect(closed?.querySelector('details.callout-fold')?.hasAttribute('open')).toBe(false);
    expect(closed?.querySelector('details > summary.callout-title > span')?.text).toBe('Closed?');
    expect(closed?.querySelector('details > .callout-body')?.text).toBe('Hidden answer.');
    expect(closed?.getAttribute('aria-label')).toBe('FAQ: Closed?');
    expect(open?.querySelector('details.callout-fold')?.hasAttribute('open')).toBe(true);
    expect(plain?.querySelector('details, summary')).toBeNull();
    expect(plain?.querySelector('p.callout-title')).not.toBeNull();
  });

  it('draws an unknown type as a note, keeping its own title', async () => {
    const root = await render('> [!recipe]\n> Flour.\n\n> [!recipe] Grandma’s bread\n> Water.\n');
    expect(callouts(root).map((c) => [c.getAttribute('class'), c.getAttribute('data-callout'), titleOf(c)?.text])).toEqual([
      ['callout callout-note', 'recipe', 'Recipe'],
      ['callout callout-note', 'recipe', 'Grandma’s bread'],
    ]);
  });

  it('is not a callout when the marker is not on the first line, or is escaped, or is not at the start', async () => {
    const root = await render('> First line.\n> [!NOTE]\n\n> \\[!NOTE]\n> Escaped.\n\n> See [!NOTE] here.\n\n> First paragraph.\n>\n> [!NOTE]\n');
    expect(callouts(root)).toHaveLength(0);
    const quotes = root.querySelectorAll('blockquote');
    expect(quotes).toHaveLength(4);
    expect(quotes[1]?.text).toContain('[!NOTE]');
  });

  it('leaves a plain blockquote a blockquote', async () => {
    const markdown = '> Just a quotation, *with* emphasis.\n';
    const root = await render(markdown);
    expect(callouts(root)).toHaveLength(0);
    expect(root.toString()).toBe(markdownToHtml(markdown, { features: { rawHtml: true } }).html);
  });

  it('nests callouts, and holds lists, code and images', async () => {
    const root = await render('> [!info] Outer\n> - one\n> - two\n>\n> ```js\n> const x = 1;\n> ```\n>\n> ![A chart](./chart.png)\n>\n> > [!danger]- Inner\n> > Careful.\n');
    const [outer, inner] = callouts(root);
    const body = outer?.querySelector(':scope > .callout-body');
    expect(body?.querySelectorAll('li').map((li) => li.text)).toEqual(['one', 'two']);
    // node-html-parser keeps <pre> content as text
    expect(body?.querySelector('pre')?.innerHTML).toBe('<code class="language-js">const x = 1;\n</code>');
    expect(body?.querySelector('img')?.getAttribute('alt')).toBe('A chart');
    expect(inner?.parentNode).toBe(body);
    expect(inner?.getAttribute('class')).toBe('callout callout-danger');
    expect(inner?.querySelector('details:not([open]) .callout-body')?.text).toBe('Careful.');
  });

  it('finds a callout inside a plain blockquote and a list item', async () => {
    const root = await render('> Quoted:\n>\n> > [!tip]\n> > Inside.\n\n- item\n\n  > [!note]\n  > In a list.\n');
    expect(callouts(root).map((c) => c.parentNode?.tagName)).toEqual(['BLOCKQUOTE', 'LI']);
  });

  it('works in MDX, whose pipeline runs the same plugins', async () => {
    const { code } = await mdxToJs('> [!TIP] From MDX\n> Body.\n', { mdastPlugins: [calloutsPlugin()] });
    expect(code).toContain('"callout callout-tip"');
    expect(code).toContain('"Tip: From MDX"');
  });

  it('skips a post without a marker', () => {
    const factory = calloutsPlugin() as (ctx: { source: string }) => unknown;
    expect(factory({ source: '> A quotation.\n' })).toBeNull();
    expect(factory({ source: '> [!NOTE]\n> Hi.\n' })).not.toBeNull();
  });
});

describe('mayContainCallouts', () => {
  it('is true for a marker after a quote marker, or an MDX <Callout>', () => {
    expect(mayContainCallouts('> [!NOTE]\n> x')).toBe(true);
    expect(mayContainCallouts('- item\n  > > [!faq]- Why?')).toBe(true);
    expect(mayContainCallouts('<Callout type="tip">x</Callout>')).toBe(true);
    expect(mayContainCallouts('<Callout/>')).toBe(true);
  });

  it('is false for a post without either', () => {
    expect(mayContainCallouts('> A quote.\n\nText with [!NOTE] in it, a [link](x) and <CalloutBox>.')).toBe(false);
    expect(mayContainCallouts('> \\[!NOTE] escaped')).toBe(false);
  });
});

describe('excerpts', () => {
  it('drop the marker and keep the title and body as text', () => {
    expect(withoutCalloutMarkers('> [!tip]- Pin the clock\n> Body.\n> > [!NOTE]\n')).toBe('> Pin the clock\n> Body.\n> > \n');
    expect(plainText('> [!WARNING]\n> Mind the zone.\n\nAfter.')).toBe('Mind the zone. After.');
    expect(plainText('> [!faq]+ Why? **Because**\n> It is.')).toBe('Why? Because It is.');
  });
});

describe('callout labels in the site’s language', () => {
  it("names a known type by its kind's word in the language, keeps English aliases and an author's own type", () => {
    const de = createTranslator('de').t;
    const en = createTranslator('en').t;
    expect(localCallout(calloutType('warning'), de).label).toBe('Warnung');
    expect(localCallout(calloutType('hint'), de).label).toBe('Tipp');
    expect(localCallout(calloutType('faq'), createTranslator('ja').t).label).toBe('質問');
    expect(localCallout(calloutType('tldr'), en).label).toBe('TL;DR');
    expect(localCallout(calloutType('recipe'), de).label).toBe('Recipe');
  });
});
