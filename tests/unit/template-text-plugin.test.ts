import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { templateTextPlugin } from '../../src/markdown/markdown';

const render = async (markdown: string) => (await markdownToHtml(markdown, { hastPlugins: [templateTextPlugin()], features: { rawHtml: true, smartPunctuation: true } })).html;

describe('template syntax left as written', () => {
  it('reads as typed in the page, while the text around it keeps its typography', async () => {
    const html = await render('Sign up: {% signup "newsletter" %} -- it\'s "free".\n\nA note: {{< note "x" >}}\n');
    expect(html).toContain('{% signup "newsletter" %} \u2013 it\u2019s \u201cfree\u201d.');
    expect(html).toContain('{{&lt; note "x" &gt;}}');
  });

  it('leaves code alone', async () => {
    expect(await render('`{% x \u201cy\u201d %}`\n')).toContain('<code>{% x \u201cy\u201d %}</code>');
  });
});
