import { parse, type HTMLElement } from 'node-html-parser';
import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { convertEngineSyntax, stripTemplateSyntax, untypesetTemplateSyntax, type EngineSyntaxContext } from '../../src/lib/engine-syntax/index.ts';

/** Posts a reference can name, as the loader would resolve them. */
const POSTS = new Map([
  ['2010-07-21-welcome', 'posts/welcome/'],
  ['guides/2012-03-04-setup', 'posts/guides/setup/'],
  ['_posts/2016-07-26-release.md', 'posts/release/'],
  ['release.md', 'posts/release/'],
  ['/posts/release', 'posts/release/'],
  ['setup.md', 'posts/guides/setup/'],
]);
/** Files anywhere in the posts folder, relative to the current post's folder. */
const FILES = new Map([
  ['diagram.png', '../attachments/diagram.png'],
  ['attachments/diagram.png', '../attachments/diagram.png'],
  ['Flow Chart.PNG', 'img/Flow Chart.PNG'],
  ['paper.pdf', '../files/paper.pdf'],
  ['script.py', 'script.py'],
]);

function context(base = '/blog/', origin = 'https://example.org'): EngineSyntaxContext & { refs: string[]; embeds: string[] } {
  const refs: string[] = [];
  const embeds: string[] = [];
  return {
    refs,
    embeds,
    base,
    origin,
    postUrl(ref) {
      refs.push(ref);
      const path = POSTS.get(ref);
      return path === undefined ? undefined : base + path;
    },
    embedFile(name) {
      embeds.push(name);
      return FILES.get(name);
    },
  };
}

const convert = (body: string, ctx: EngineSyntaxContext = context()) => convertEngineSyntax(body, ctx);
const md = (body: string, ctx?: EngineSyntaxContext) => convert(body, ctx).body;
const lines = (...l: string[]) => l.join('\n');
/** Rendered as Folio renders Markdown (Sätteri, raw HTML parsed). */
const render = (markdown: string) => markdownToHtml(markdown, { features: { rawHtml: true } }).html;
/** Parsed HTML; <pre> is parsed too (node-html-parser keeps its content as text by default). */
const dom = (htmlText: string) => parse(htmlText, { blockTextElements: { script: true, style: true } });
const html = (body: string, ctx?: EngineSyntaxContext) => dom(render(md(body, ctx)));
const text = (el: HTMLElement | null | undefined) => el?.textContent ?? '';

describe('fast path', () => {
  it('returns a body without any template token as the same string, with no warning', () => {
    const body = lines('# Notes', '', 'Costs rose 50% in {2024}; a = b, see [docs](x) and `code`.', '', '```js', 'let a = {b: 1};', '```');
    const result = convert(body);
    expect(result.body).toBe(body);
    expect(result.warnings).toEqual([]);
  });

  it('returns the same string when the only tokens are in code', () => {
    const body = lines('Use `{{ page.title }}` like this:', '', '```liquid', '{% for post in site.posts %}{{ post.url }}{% endfor %}', '```');
    const result = convert(body);
    expect(result.body).toBe(body);
    expect(result.warnings).toEqual([]);
  });
});

describe('Liquid: highlight', () => {
  const code = lines('# Read the data', 'import csv', '', '# Count the rows', 'with open("data.csv") as f:', '    print(sum(1 for _ in csv.reader(f)))');

  it('turns {% highlight %} into a fenced block, so # comments stay code, not headings', () => {
    const body = lines('Here is the script:', '', '{% highlight python %}', code, '{% endhighlight %}', '', "That's it.");
    expect(md(body)).toBe(lines('Here is the script:', '', '```python', code, '```', '', "That's it."));
    const page = html(body);
    expect(page.querySelectorAll('h1')).toHaveLength(0);
    expect(text(page.querySelector('pre code.language-python'))).toBe(`${code}\n`);
    expect(text(page.querySelector('p:last-of-type'))).toBe("That's it.");
  });

  it('gives linenos as showLineNumbers and mark_lines as highlighted lines; lower-cases the language', () => {
    expect(md(lines('{% highlight Ruby linenos %}', 'puts 1', '{% endhighlight %}'))).toBe(lines('```ruby showLineNumbers', 'puts 1', '```'));
    expect(md(lines('{% highlight js linenos=table mark_lines="1 3" %}', 'a', '{% endhighlight %}'))).toBe(lines('```js showLineNumbers {1,3}', 'a', '```'));
  });

  it('keeps the code byte for byte and uses a fence longer than any backtick run in it', () => {
    const tricky = lines('echo "```"', '  indented ````four````', '**not bold** <b>not html</b> {{ not.liquid }}', '# not a heading');
    const out = md(lines('{%- highlight bash -%}', tricky, '{%- endhighlight -%}'));
    expect(out).toBe(lines('`````bash', tricky, '`````'));
    expect(text(dom(render(out)).querySelector('pre code'))).toBe(`${tricky}\n`);
  });

  it('removes {% raw %} markers inside the code, and does not end at an endhighlight inside raw', () => {
    expect(md('{% highlight liquid %}{% raw %}{{ page.title }}{% endraw %}{% endhighlight %}')).toBe(lines('```liquid', '{{ page.title }}', '```'));
    const body = lines('{% highlight liquid %}', '{% raw %}', '{% highlight ruby %}x{% endhighlight %}', '{% endraw %}', '{% endhighlight %}');
    const result = convert(body);
    expect(result.body).toBe(lines('```liquid', '{% highlight ruby %}x{% endhighlight %}', '```'));
    expect(result.warnings).toEqual([]);
  });

  it('still works when the highlighted code contains a Markdown fence', () => {
    const inner = lines('```js', 'let x = 1;', '```');
    expect(md(lines('{% highlight markdown %}', inner, '{% endhighlight %}', '', '{% include x.html %}'))).toBe(lines('````markdown', inner, '````', '', '{% include x.html %}'));
  });

  it('keeps a block inside a list item in the item', () => {
    const body = lines('1. Install it:', '', '   {% highlight bash %}', '   npm install folio', '   {% endhighlight %}', '', '2. Build.');
    expect(md(body)).toBe(lines('1. Install it:', '', '   ```bash', '   npm install folio', '   ```', '', '2. Build.'));
    expect(text(html(body).querySelector('li pre code'))).toBe('npm install folio\n');
  });

  it('leaves an unclosed highlight as written, with a warning', () => {
    const result = convert(lines('text', '{% highlight python %}', '# x'));
    expect(result.body).toBe(lines('text', '{% highlight python %}', '# x'));
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2, tag: '{% highlight python %}' })]);
  });
});

describe('Liquid: raw and comment', () => {
  it('keeps what {% raw %} wraps as written, unconverted and unwarned, and drops marker lines', () => {
    const result = convert(lines('Before', '{% raw %}', 'Use {{ page.title }} and {% include note.html %}.', '{% endraw %}', 'After'));
    expect(result.body).toBe(lines('Before', 'Use {{ page.title }} and {% include note.html %}.', 'After'));
    expect(result.warnings).toEqual([]);
    expect(md('Write {% raw %}{{ site.url }}{% endraw %} in a template.')).toBe('Write {{ site.url }} in a template.');
  });

  it('keeps a fence that {% raw %} wraps, as written', () => {
    const fence = lines('```liquid', '{{ page.title }} {% include x %}', '```');
    expect(convert(lines('{% raw %}', fence, '{% endraw %}', 'After'))).toEqual({ body: lines(fence, 'After'), warnings: [] });
  });

  it('warns about a raw block never closed, and removes its marker', () => {
    const result = convert(lines('a', '{% raw %}', '{{ site.url }}'));
    expect(result.body).toBe(lines('a', 'https://example.org'));
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2, tag: '{% raw %}' })]);
  });

  it('removes raw markers inside fenced code and code spans too', () => {
    expect(md(lines('```liquid', '{% raw %}', '{% for p in site.posts %}{{ p.url }}{% endfor %}', '{% endraw %}', '```'))).toBe(
      lines('```liquid', '{% for p in site.posts %}{{ p.url }}{% endfor %}', '```'),
    );
    expect(md('Inline: `{% raw %}{{ x }}{% endraw %}`.')).toBe('Inline: `{{ x }}`.');
  });

  it('removes {% comment %} blocks, whatever they hold', () => {
    const result = convert(lines('One', '{% comment %}', 'TODO {% include draft.html %}', '```', 'code', '```', '{% endcomment %}', 'Two {% comment %}inline{% endcomment %}end'));
    expect(result.body).toBe(lines('One', 'Two end'));
    expect(result.warnings).toEqual([]);
  });
});

describe('Liquid: links and site URLs', () => {
  it('resolves {% post_url %} (also in a folder) through the context', () => {
    const ctx = context();
    expect(md('[Welcome]({% post_url 2010-07-21-welcome %}) and [setup]({% post_url guides/2012-03-04-setup %})', ctx)).toBe(
      '[Welcome](/blog/posts/welcome/) and [setup](/blog/posts/guides/setup/)',
    );
    expect(ctx.refs).toEqual(['2010-07-21-welcome', 'guides/2012-03-04-setup']);
  });

  it('does not add the base twice to {{ site.baseurl }}{% post_url %}, and puts the origin before it', () => {
    expect(md('[a]({{ site.baseurl }}{% post_url 2010-07-21-welcome %})')).toBe('[a](/blog/posts/welcome/)');
    expect(md('{{ site.url }}{{ site.baseurl }}{% post_url 2010-07-21-welcome %}')).toBe('https://example.org/blog/posts/welcome/');
    expect(md('[a]({{ site.baseurl }}{% link _posts/2016-07-26-release.md %})')).toBe('[a](/blog/posts/release/)');
  });

  it('leaves an unknown post as written, with a warning on its line', () => {
    const result = convert(lines('Intro', '', 'See [old]({{ site.baseurl }}{% post_url 2009-01-01-gone %}).'));
    expect(result.body).toBe(lines('Intro', '', 'See [old](/blog{% post_url 2009-01-01-gone %}).'));
    expect(result.warnings).toEqual([{ line: 3, tag: '{% post_url 2009-01-01-gone %}', message: expect.stringContaining('2009-01-01-gone') as string }]);
  });

  it('resolves {% link %} to posts, and other files to the path under the base', () => {
    expect(md('{% link _posts/2016-07-26-release.md %} {% link assets/files/talk.pdf %} {% link /images/cat.png %}')).toBe(
      '/blog/posts/release/ /blog/assets/files/talk.pdf /blog/images/cat.png',
    );
    expect(md('{% link assets/x.pdf %}', context('/'))).toBe('/assets/x.pdf');
    const page = convert('{% link about.md %}');
    expect(page.body).toBe('{% link about.md %}');
    expect(page.warnings).toHaveLength(1);
  });

  it('writes {{ site.baseurl }} as the base without its trailing slash, in any spacing', () => {
    const body = '![cat]({{ site.baseurl }}/images/cat.png) <img src="{{site.baseurl}}/a.png"> {{- site.baseurl -}}/b';
    expect(md(body, context('/'))).toBe('![cat](/images/cat.png) <img src="/a.png"> /b');
    expect(md(body, context('/blog/'))).toBe('![cat](/blog/images/cat.png) <img src="/blog/a.png"> /blog/b');
  });

  it('writes {{ site.url }} as the origin, and URL filters on text', () => {
    const ctx = context('/blog/', 'https://example.org/');
    expect(md('{{ site.url }}{{ site.baseurl }}', ctx)).toBe('https://example.org/blog');
    expect(md(`{{ "/assets/a.png" | relative_url }} {{ 'b.png' | relative_url }} {{ "/feed.xml" | absolute_url }}`, ctx)).toBe(
      '/blog/assets/a.png /blog/b.png https://example.org/blog/feed.xml',
    );
    // Eleventy's url filter, Jekyll's older prepend idiom, and absolute URLs passing through.
    expect(md(`{{ '/css/x.css' | url }} {{ "/img/x.png" | prepend: site.baseurl }} {{ "https://cdn.example.com/x.js" | relative_url }}`, ctx)).toBe(
      '/blog/css/x.css /blog/img/x.png https://cdn.example.com/x.js',
    );
  });

  it('leaves other tags and expressions as written, one warning each, with its line', () => {
    const body = lines(
      '---not frontmatter, just text---',
      '{% include image.html url="/x.png" %}',
      '{%- if page.toc -%}',
      'Title: {{ page.title | upcase }} and {% image "./cat.jpg", "A cat" %}',
      '{% endif %}',
    );
    const result = convert(body);
    expect(result.body).toBe(body);
    expect(result.warnings.map(({ line, tag }) => [line, tag])).toEqual([
      [2, '{% include image.html url="/x.png" %}'],
      [3, '{%- if page.toc -%}'],
      [4, '{{ page.title | upcase }}'],
      [4, '{% image "./cat.jpg", "A cat" %}'],
      [5, '{% endif %}'],
    ]);
    expect(result.warnings[0]?.message).toContain('"include"');
  });
});

describe('kramdown', () => {
  it('removes options and comments, and keeps nomarkdown content as HTML', () => {
    const result = convert(
      lines(
        '{::options parse_block_html="true" /}',
        'Text',
        '{::comment}',
        'Draft: {% include x %}',
        '{:/comment}',
        '{::nomarkdown}',
        '<div class="box">*raw*</div>',
        '{:/nomarkdown}',
        'End',
      ),
    );
    expect(result.body).toBe(lines('Text', '<div class="box">*raw*</div>', 'End'));
    expect(result.warnings).toEqual([]);
  });

  it('removes block and span attribute lists, including {:target="_blank"} on links', () => {
    const body = lines(
      'A note.',
      '{: .notice--info}',
      '',
      '![Diagram](/img/d.png){: .align-center}',
      '',
      '[Docs](https://docs.example.org){:target="_blank"} and [more](/x){: target="_blank" }',
      '{:.no_toc}',
    );
    expect(md(body)).toBe(lines('A note.', '', '![Diagram](/img/d.png)', '', '[Docs](https://docs.example.org) and [more](/x)', ''));
    expect(html(body).querySelector('a')?.getAttribute('href')).toBe('https://docs.example.org');
  });

  it('drops kramdown’s * TOC + {:toc} list, leaves {#id} heading attributes, and leaves format strings in prose', () => {
    const result = convert(lines('* TOC', '{:toc}', '', '## Setup {#custom-id}', 'Pad with "{:>10}".format(x).'));
    expect(result.body).toBe(lines('', '## Setup {#custom-id}', 'Pad with "{:>10}".format(x).'));
    expect(result.warnings).toEqual([]);
    expect(md('## Setup {: #setup-id}')).toBe('## Setup {#setup-id}');
  });
});

describe('Hugo: figure', () => {
  it('wraps a Markdown image in a figure with its caption, which renders as HTML', () => {
    const body = lines('Intro.', '{{< figure src="elephant.jpg" alt="An elephant" title="At sunset" caption="Photo by [Ana](https://example.org/ana), *2019*" >}}', 'After.');
    const out = md(body);
    expect(out).toContain('![An elephant](<elephant.jpg> "At sunset")');
    const page = html(body);
    const figure = page.querySelector('figure');
    const img = figure?.querySelector('img');
    expect(img?.getAttribute('src')).toBe('elephant.jpg');
    expect(img?.getAttribute('alt')).toBe('An elephant');
    const caption = figure?.querySelector('figcaption');
    expect(text(caption?.querySelector('strong'))).toBe('At sunset');
    expect(caption?.querySelector('a')?.getAttribute('href')).toBe('https://example.org/ana');
    expect(text(caption?.querySelector('em'))).toBe('2019');
    // The line after the shortcode is a paragraph of its own, not swallowed by the HTML block.
    expect(text(page.querySelector('figure + p'))).toBe('After.');
    expect(text(page.querySelector('p'))).toBe('Intro.');
  });

  it('links the image, takes alt from the caption when there is none, and keeps spaces in a relative src', () => {
    const page = html('{{< figure src="images/my photo.png" link="https://example.org/full.png" caption="The harbour" >}}');
    const img = page.querySelector('figure a[href="https://example.org/full.png"] img');
    expect(img?.getAttribute('src')).toBe('images/my%20photo.png');
    expect(img?.getAttribute('alt')).toBe('The harbour');
  });

  it('uses a raw <img> with width and height, and an <a> for target/rel', () => {
    const page = html('{{% figure src="/img/chart.svg" alt="Chart" width="600" height="400" link="/big.svg" target="_blank" class="wide" %}}');
    const figure = page.querySelector('figure.wide');
    const img = figure?.querySelector('a[target="_blank"] img');
    expect([img?.getAttribute('src'), img?.getAttribute('width'), img?.getAttribute('height'), img?.getAttribute('alt')]).toEqual(['/img/chart.svg', '600', '400', 'Chart']);
    expect(figure?.querySelector('figcaption')).toBeNull();
  });

  it('inside a quote, every line of the figure stays in the quote', () => {
    const out = md(lines('> Look:', '> {{< figure src="a.png" caption="Quoted" >}}', '> Nice.'));
    expect(out.split('\n').every((line) => line.startsWith('>'))).toBe(true);
    const quote = dom(render(out)).querySelector('blockquote');
    expect(text(quote?.querySelector('figure figcaption')).trim()).toBe('Quoted');
    expect(text(quote?.querySelector('figure + p'))).toBe('Nice.');
  });

  it('inside a list item, the figure stays in the item', () => {
    const page = html(lines('- Step one:', '  {{< figure src="a.png" caption="First" >}}', '- Step two'));
    expect(page.querySelectorAll('li')).toHaveLength(2);
    expect(page.querySelector('li figure figcaption')?.textContent.trim()).toBe('First');
  });

  it('warns about a figure without src', () => {
    const result = convert('{{< figure caption="x" >}}');
    expect(result.body).toBe('{{< figure caption="x" >}}');
    expect(result.warnings).toHaveLength(1);
  });
});

describe('Hugo: video embeds', () => {
  it('embeds YouTube without cookies, from a positional id or id=', () => {
    const iframe = (id: string, title: string) =>
      `<div class="embed embed-video"><iframe src="https://www.youtube-nocookie.com/embed/${id}" title="${title}" loading="lazy" allow="accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></div>`;
    expect(md('{{< youtube w7Ft2ymGmfc >}}')).toBe(iframe('w7Ft2ymGmfc', 'YouTube video'));
    expect(md('{{< youtube id="0RKpf3rK57I" title="Tom & Jerry <live>" start=30 autoplay=true >}}')).toBe(iframe('0RKpf3rK57I', 'Tom &amp; Jerry &lt;live&gt;'));
  });

  it('embeds Vimeo, and warns about an id that is not one', () => {
    expect(md('{{< vimeo 146022717 >}}')).toContain('<iframe src="https://player.vimeo.com/video/146022717" title="Vimeo video"');
    const bad = '{{< youtube "x onload=alert(1)" >}}';
    const result = convert(bad);
    expect(result.body).toBe(bad);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('video id') as string })]);
  });
});

describe('Hugo: highlight', () => {
  const go = lines('package main', '', 'import "fmt"', '', '// main prints', 'func main() {', '\tfmt.Println("hi")', '}');

  it('becomes a fenced block with line numbers and highlighted lines in the meta', () => {
    const body = lines('{{< highlight go "linenos=table,hl_lines=8 15-17" >}}', go, '{{< /highlight >}}');
    expect(md(body)).toBe(lines('```go showLineNumbers {8,15-17}', go, '```'));
    expect(text(html(body).querySelector('pre code.language-go'))).toBe(`${go}\n`);
  });

  it('reads options separated by spaces, linenos=false, and {{% %}} delimiters', () => {
    expect(md(lines('{{% highlight Python "linenos=false hl_lines=2" %}}', '# c', '{{% /highlight %}}'))).toBe(lines('```python {2}', '# c', '```'));
    expect(md(lines('{{< highlight html >}}', '<b>x</b>', '{{< /highlight >}}'))).toBe(lines('```html', '<b>x</b>', '```'));
  });
});

describe('Hugo: ref, relref, gist, tweet', () => {
  it('resolves ref and relref through the context, keeping the anchor', () => {
    const ctx = context();
    expect(md('[a]({{< ref "release.md" >}}) [b]({{< relref "/posts/release" >}}) [c]({{% relref "setup.md#install-it" %}}) [d]({{< ref "#local" >}})', ctx)).toBe(
      '[a](/blog/posts/release/) [b](/blog/posts/release/) [c](/blog/posts/guides/setup/#install-it) [d](#local)',
    );
    expect(ctx.refs).toEqual(['release.md', '/posts/release', 'setup.md']);
  });

  it('leaves an unresolved ref as written, with a warning', () => {
    const result = convert(lines('a', '[x]({{< ref "missing.md" >}})'));
    expect(result.body).toBe(lines('a', '[x]({{< ref "missing.md" >}})'));
    expect(result.warnings).toEqual([expect.objectContaining({ line: 2, tag: '{{< ref "missing.md" >}}' })]);
  });

  it('turns gist into a link to the gist, nothing fetched', () => {
    expect(md('{{< gist spf13 7896402 >}}')).toBe('[View the gist spf13/7896402 on GitHub](https://gist.github.com/spf13/7896402)');
    expect(md('{{< gist jmooring 23932424365401ffa5e9d9810102a477 list.html >}}')).toBe(
      '[View the gist jmooring/23932424365401ffa5e9d9810102a477 (list.html) on GitHub](https://gist.github.com/jmooring/23932424365401ffa5e9d9810102a477#file-list-html)',
    );
  });

  it('turns tweet and x into a quoted link to the post', () => {
    expect(md('{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}')).toBe('> [View the post by @SanDiegoZoo on X](https://x.com/SanDiegoZoo/status/1453110110599868418)');
    expect(md('{{< x user="GoHugoIO" id="1315233626070503424" >}}')).toBe('> [View the post by @GoHugoIO on X](https://x.com/GoHugoIO/status/1315233626070503424)');
    expect(md('{{< tweet 877500564405444608 >}}')).toBe('> [View the post on X](https://x.com/i/status/877500564405444608)');
    expect(md('{{< tweet jack 20 >}}')).toBe('> [View the post by @jack on X](https://x.com/jack/status/20)');
    const page = html(lines('Before', '{{< tweet 20 >}}', 'After'));
    expect(page.querySelector('blockquote a')?.getAttribute('href')).toBe('https://x.com/i/status/20');
    expect(text(page.querySelector('blockquote'))).not.toContain('After');
  });
});

describe('Hugo: escaped, unknown and comment shortcodes', () => {
  it('unescapes {{</* */>}} everywhere, code included, without warnings', () => {
    const body = lines('Write {{</* figure src="x.png" */>}} or {{%/* notice */%}}.', '', '`{{</* ref "a" */>}}`', '', '```go-html-template', '{{</* highlight go */>}}', '```');
    const result = convert(body);
    expect(result.body).toBe(lines('Write {{< figure src="x.png" >}} or {{% notice %}}.', '', '`{{< ref "a" >}}`', '', '```go-html-template', '{{< highlight go >}}', '```'));
    expect(result.warnings).toEqual([]);
  });

  it('leaves a site’s own shortcodes as written, opening and closing, one warning each', () => {
    const body = lines('Intro', '{{< notice warning >}}', 'Be **careful**.', '{{< /notice >}}', '{{% mermaid %}}graph TD;{{% /mermaid %}}');
    const result = convert(body);
    expect(result.body).toBe(body);
    expect(result.warnings.map((w) => [w.line, w.tag])).toEqual([
      [2, '{{< notice warning >}}'],
      [4, '{{< /notice >}}'],
      [5, '{{% mermaid %}}'],
      [5, '{{% /mermaid %}}'],
    ]);
  });

  it('warns about a shortcode it can not read, and reads on after it', () => {
    const result = convert(lines('{{< figure src="a.png" caption="no end', '', '{{ site.url }}'));
    expect(result.body).toBe(lines('{{< figure src="a.png" caption="no end', '', 'https://example.org'));
    expect(result.warnings).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('could not be read') as string })]);
  });

  it('removes the comment shortcode with what it wraps', () => {
    expect(md(lines('A', '{{< comment >}}', 'not for readers', '{{< /comment >}}', 'B'))).toBe(lines('A', 'B'));
  });
});

describe('Obsidian and Quartz', () => {
  it('embeds images found in the posts folder, as Markdown images or sized <img>', () => {
    const ctx = context();
    expect(md('![[diagram.png]] ![[attachments/diagram.png]] ![[diagram.png|A flow chart]]', ctx)).toBe(
      '![diagram](<../attachments/diagram.png>) ![diagram](<../attachments/diagram.png>) ![A flow chart](<../attachments/diagram.png>)',
    );
    expect(ctx.embeds).toEqual(['diagram.png', 'attachments/diagram.png', 'diagram.png']);
    expect(md('![[diagram.png|400]] ![[Flow Chart.PNG|400x300]] ![[diagram.png|Flow chart|250]]')).toBe(
      '<img src="../attachments/diagram.png" alt="diagram" width="400"> <img src="img/Flow%20Chart.PNG" alt="Flow Chart" width="400" height="300"> <img src="../attachments/diagram.png" alt="Flow chart" width="250">',
    );
    expect(html('![[Flow Chart.PNG]]').querySelector('img')?.getAttribute('src')).toBe('img/Flow%20Chart.PNG');
  });

  it('shows an unknown image’s name as text, with a warning', () => {
    const result = convert(lines('# T', '', 'See ![[missing_file.png]].'));
    expect(result.body).toBe(lines('# T', '', 'See missing\\_file.png.'));
    expect(result.warnings).toEqual([expect.objectContaining({ line: 3, tag: '![[missing_file.png]]' })]);
  });

  it('turns embedded notes into wikilinks and other files into links', () => {
    const ctx = context();
    expect(md('![[Weekly Review]] ![[Weekly Review#Goals]] ![[Weekly Review|last week]] ![[Release v1.2]]', ctx)).toBe(
      '[[Weekly Review]] [[Weekly Review#Goals]] [[Weekly Review|last week]] [[Release v1.2]]',
    );
    expect(md('![[paper.pdf]] ![[script.py|the script]]', ctx)).toBe('[paper.pdf](<../files/paper.pdf>) [the script](<script.py>)');
    const missing = convert('![[slides.pdf]]', ctx);
    expect(missing.body).toBe('slides.pdf');
    expect(missing.warnings).toHaveLength(1);
  });

  it('reads the escaped pipe of embeds in tables', () => {
    expect(md('| a | ![[diagram.png\\|300]] |')).toBe('| a | <img src="../attachments/diagram.png" alt="diagram" width="300"> |');
  });

  it('leaves plain [[wikilinks]] for the wikilink plugin', () => {
    expect(md('[[Weekly Review]] and {{ site.url }}')).toBe('[[Weekly Review]] and https://example.org');
  });

  it('removes %% comments %%, inline or over lines, whatever they hold', () => {
    const result = convert(lines('Visible %%hidden%% text.', '', '%%', 'Private notes {% include x %}', '```', 'code', '```', '%%', 'End'));
    expect(result.body).toBe(lines('Visible  text.', '', 'End'));
    expect(result.warnings).toEqual([]);
    const open = convert(lines('a', 'b %% never closed'));
    expect(open.body).toBe(lines('a', 'b %% never closed'));
    expect(open.warnings).toEqual([expect.objectContaining({ line: 2, tag: '%%' })]);
  });

  it('turns ==highlights== into <mark>, leaving comparisons and = runs alone', () => {
    expect(md('This is ==very important== and ==this `a==b`== too.')).toBe('This is <mark>very important</mark> and <mark>this `a==b`</mark> too.');
    const untouched = lines('Title', '==', '', 'if a == b and c ==d', '', '====');
    expect(md(untouched)).toBe(untouched);
    expect(md('==see {{ site.url }}==')).toBe('<mark>see https://example.org</mark>');
    expect(render(md('A ==*key* point== here')).trim()).toBe('<p>A <mark><em>key</em> point</mark> here</p>');
  });
});

describe('code is left alone', () => {
  const template = '{% include x %} {{ page.title }} {{< youtube abc >}} ![[diagram.png]] %%c%% ==m== {: .x}';

  it('in fenced blocks: backticks or tildes, indented, closed by a longer fence', () => {
    const blocks = [
      lines('```', template, '```'),
      lines('~~~ liquid', template, '~~~'),
      lines('  ```', template, '  ```'),
      lines('````md', '```', template, '```', template, '``````'),
      lines('> ```', `> ${template}`, '> ```'),
    ];
    for (const block of blocks) {
      const result = convert(lines('Before', '', block, '', 'After {{ site.url }}'));
      expect(result.body).toBe(lines('Before', '', block, '', 'After https://example.org'));
      expect(result.warnings).toEqual([]);
    }
  });

  it('in a fence that is never closed (it runs to the end, as in CommonMark)', () => {
    const body = lines('{{ site.url }}', '```', template);
    expect(md(body)).toBe(lines('https://example.org', '```', template));
  });

  it('in code spans of any length, not across paragraphs', () => {
    const body = `Use \`${template}\` or \`\` {{ a }} \` {{ b }} \`\` here.`;
    expect(convert(body)).toEqual({ body, warnings: [] });
    // An unmatched backtick is literal: what follows it is converted.
    expect(md(lines('It`s {{ site.url }}', '', 'and ` {{ site.baseurl }}/x'))).toBe(lines('It`s https://example.org', '', 'and ` /blog/x'));
  });

  it('in indented code after a blank line, but not in list items', () => {
    const code = lines('Text', '', `    ${template}`, '', 'More');
    expect(convert(code)).toEqual({ body: code, warnings: [] });
    expect(md(lines('- item', '', '    {{ site.url }}'))).toBe(lines('- item', '', '    https://example.org'));
    // Without a blank line an indented line continues the paragraph.
    expect(md(lines('Text', '    {{ site.url }}'))).toBe(lines('Text', '    https://example.org'));
  });
});

describe('warnings', () => {
  it('give the line in the body as given, after multi-line conversions', () => {
    const body = lines(
      '{% highlight python %}', // 1
      '# one', // 2
      '# two', // 3
      '{% endhighlight %}', // 4
      '{{< figure src="a.png" caption="c" >}}', // 5
      '{% comment %}', // 6
      'x', // 7
      '{% endcomment %}', // 8
      'text {% include a.html %}', // 9
      '', // 10
      '{{< unknown >}}', // 11
    );
    expect(convert(body).warnings.map((w) => w.line)).toEqual([9, 11]);
  });

  it('count CRLF lines and cut long tags to about 60 characters', () => {
    const long = `{% include figure.html image="${'x'.repeat(100)}.png" %}`;
    const result = convert(['a', 'b', long].join('\r\n'));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.line).toBe(3);
    expect(result.warnings[0]?.tag.length).toBeLessThanOrEqual(60);
    expect(result.warnings[0]?.tag.startsWith('{% include figure.html image="xxx')).toBe(true);
  });
});

describe('CRLF bodies', () => {
  it('convert blocks whose lines end in \\r\\n', () => {
    const body = ['{% highlight py %}', '# c', '{% endhighlight %}', '{% raw %}', '{{ x }}', '{% endraw %}', 'end'].join('\r\n');
    // The fence lines are written with \n; the rest keeps its \r\n.
    expect(md(body)).toBe(['```py\n# c\n```', '{{ x }}', 'end'].join('\r\n'));
  });
});

describe('linear time', () => {
  it('handles a 2 MB body of broken and unclosed openers quickly, on one line or many', () => {
    const openers = [
      '{% ',
      '{{ ',
      '{{< ',
      '{{% ',
      '![[ ',
      '%% ',
      '==a ',
      '`',
      '``',
      '{: ',
      '{::x ',
      '{% highlight x %} ',
      '{% raw %} ',
      '{{< highlight >}} ',
      '{::comment} ',
      '{{</* ',
      '%% c %%',
      '{{ site.url }}',
      '==b== ',
      '{::nomarkdown} ',
    ];
    for (const separator of [' ', '\n']) {
      const body = Array.from({ length: 160_000 }, (_, i) => `${openers[i % openers.length]}word`).join(separator);
      const start = performance.now();
      const result = convert(body);
      // Linear: a few hundred milliseconds. Any scan that restarts per opener takes many seconds here.
      expect(performance.now() - start).toBeLessThan(3000);
      expect(result.warnings.length).toBeGreaterThan(10_000);
    }
  });
});

describe('stripTemplateSyntax', () => {
  it('removes tags, shortcodes, attribute lists and comments from plain text', () => {
    expect(stripTemplateSyntax('See {{< ref "x.md" >}} and {% post_url 2010-07-21-a %} now.')).toBe('See and now.');
    expect(stripTemplateSyntax('Hello {{ site.title }}. {: .lead} {::comment}draft{:/comment}Bye %%private%% {{% note %}}')).toBe('Hello. Bye');
    expect(stripTemplateSyntax('{% comment %}x{% endcomment %}Plain text, 50% off.')).toBe('Plain text, 50% off.');
  });

  it('takes the space before a removed tag only, leaving the text’s own spacing', () => {
    expect(stripTemplateSyntax('Bonjour ! Voir {{ site.url }}, puis {% link a.md %} ici ; merci.')).toBe('Bonjour ! Voir, puis ici ; merci.');
  });

  it('returns text without template syntax unchanged', () => {
    const plain = '  A title with {braces} and 100%  spacing ';
    expect(stripTemplateSyntax(plain)).toBe(plain);
  });
});

describe('untypesetTemplateSyntax', () => {
  it('gives template syntax left in rendered text the punctuation it was typed with, and nothing else', () => {
    expect(untypesetTemplateSyntax('Sign up: {% signup “news” %} – it’s free…')).toBe('Sign up: {% signup "news" %} – it’s free…');
    expect(untypesetTemplateSyntax('{{ ‘a’ | append: x – y — z… }} and {{< note “x” >}}')).toBe(`{{ 'a' | append: x -- y --- z... }} and {{< note "x" >}}`);
    expect(untypesetTemplateSyntax('“Plain” text.')).toBe('“Plain” text.');
  });
});
