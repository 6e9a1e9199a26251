// The header's theme button: switches between light and dark, and remembers the choice
// (localStorage) across pages and visits. theme-init.js applies it before first paint.
const KEY = 'folio-theme';
type Theme = 'light' | 'dark';

function current(): Theme {
  const chosen = document.documentElement.dataset['theme'];
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function label(button: HTMLButtonElement): void {
  // The words come with the button, in the site's language (src/components/ThemeToggle.astro).
  const text = (current() === 'dark' ? button.dataset['toLight'] : button.dataset['toDark']) ?? 'Switch theme';
  button.setAttribute('aria-label', text);
  button.title = text;
}

export function initThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
  if (!button) return;
  label(button);
  button.hidden = false;
  button.addEventListener('click', () => {
    const next: Theme = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset['theme'] = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    label(button);
  });
  // Follow the system while the reader has not chosen.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => label(button));
}

initThemeToggle();
