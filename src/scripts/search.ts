// Site search on /search/ with Pagefind's JS API. Loaded only on this page; the index
// (pagefind/ next to the pages) is fetched on first use, from the site's own origin.
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string; date?: string; series?: string };
}
interface Pagefind {
  options(opts: { baseUrl?: string }): Promise<void>;
  mergeIndex(path: string, opts: { baseUrl?: string }): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

const MAX_RESULTS = 20;

export function startSearch(): void {
  const form = document.querySelector<HTMLFormElement>('.search-form');
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const status = document.querySelector<HTMLElement>('.search-status');
  const list = document.querySelector<HTMLOListElement>('.search-results');
  if (!form || !input || !status || !list) return;
  const bundle = form.dataset['bundle'] ?? '/pagefind/';
  // The messages in the site's language (src/pages/search.astro), plurals by its rules.
  const plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  const numbers = new Intl.NumberFormat(document.documentElement.lang || 'en');
  const forms = JSON.parse(form.dataset['results'] ?? '{}') as Record<string, string>;
  const say = (text: string, query: string, n = 0) => text.replaceAll('{query}', query).replaceAll('{n}', numbers.format(n));
  const found = (n: number, query: string) => say((n === 0 && forms['zero']) || forms[plural.select(n)] || forms['other'] || '{n}', query, n);
  let engine: Promise<Pagefind> | undefined;
  let latest = 0;

  const load = () => {
    engine ??= import(/* @vite-ignore */ `${bundle}pagefind.js`).then(async (mod: Pagefind) => {
      const bundleUrl = new URL(bundle, location.href);
      const baseUrl = new URL('..', bundleUrl).pathname;
      await mod.options({ baseUrl });
      // A large site's index comes in shards (see src/lib/search-shards.ts): merge the others.
      const manifest = await fetch(new URL('folio-shards.json', bundleUrl));
      const { bundles = [] } = manifest.ok ? ((await manifest.json()) as { bundles?: string[] }) : {};
      await Promise.all(bundles.map((dir) => mod.mergeIndex(new URL(dir, bundleUrl).pathname, { baseUrl })));
      return mod;
    });
    return engine;
  };

  const render = (results: PagefindResultData[], query: string) => {
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = result.url;
        link.textContent = result.meta.title ?? result.url;
        const heading = document.createElement('h2');
        heading.append(link);
        item.append(heading);
        // The date, and for a part of a series its name and place ("Building a compiler · Part 2 of 5").
        const meta = [result.meta.date, result.meta.series].filter(Boolean).join(' · ');
        if (meta) {
          const line = document.createElement('p');
          line.className = 'meta';
          line.textContent = meta;
          item.append(line);
        }
        const excerpt = document.createElement('p');
        // Pagefind escapes the page text and wraps matches in <mark>.
        excerpt.innerHTML = result.excerpt;
        item.append(excerpt);
        return item;
      }),
    );
    status.textContent = results.length === 0 ? say(form.dataset['none'] ?? '', query) : found(results.length, query);
  };

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const pagefind = await load();
      const search = await pagefind.search(query);
      const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (ticket === latest) render(results, query);
    } catch (error) {
      status.textContent = form.dataset['unavailable'] ?? '';
      console.error('Search failed:', error);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    void run();
  }
}
