// Comments (giscus): its script is loaded only when the reader scrolls near the comments,
// and the discussion follows the site's light or dark theme, also when the reader switches.
const GISCUS_ORIGIN = 'https://giscus.app';

type Themes = { light: string; dark: string };

function siteTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset['theme'];
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function load(container: HTMLElement): void {
  const attributes = JSON.parse(container.dataset['giscus'] ?? '{}') as Record<string, string>;
  const themes = JSON.parse(container.dataset['themes'] ?? '{}') as Themes;
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.setAttribute('data-theme', themes[siteTheme()]);
  script.src = `${GISCUS_ORIGIN}/client.js`;
  script.crossOrigin = 'anonymous';
  script.async = true;
  container.after(script);
  const follow = () => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe.giscus-frame');
    frame?.contentWindow?.postMessage({ giscus: { setConfig: { theme: themes[siteTheme()] } } }, GISCUS_ORIGIN);
  };
  new MutationObserver(follow).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', follow);
}

const container = document.querySelector<HTMLElement>('.giscus[data-giscus]');
if (container) {
  const near = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      near.disconnect();
      load(container);
    },
    { rootMargin: '400px 0px' },
  );
  near.observe(container);
}
