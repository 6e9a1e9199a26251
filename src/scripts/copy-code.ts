// Adds a "Copy" button to each code block's header. Progressive: without this script,
// or without clipboard access, the code is simply shown.
const RESET_MS = 2000;

/**
 * The code as the author wrote it: without the signs of added and removed lines (line
 * numbers are CSS, and notation comments never reach the page).
 */
export function codeText(code: Element): string {
  const copy = code.cloneNode(true) as Element;
  for (const sign of copy.querySelectorAll('.diff-sign')) sign.remove();
  return copy.textContent ?? '';
}

export function enhanceCodeBlocks(root: ParentNode = document): void {
  if (!navigator.clipboard) return;
  for (const block of root.querySelectorAll<HTMLElement>('.code-block')) {
    const header = block.querySelector('.code-header');
    const code = block.querySelector('pre code');
    if (!header || !code || header.querySelector('button')) continue;
    // The words come with the text, in the site's language (the .prose element of the page).
    const words = block.closest<HTMLElement>('[data-copy]')?.dataset ?? {};
    const copy = words['copy'] ?? 'Copy';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = copy;
    button.setAttribute('aria-label', words['copyLabel'] ?? 'Copy code to clipboard');
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(codeText(code)).then(
        () => {
          button.textContent = words['copied'] ?? 'Copied';
          setTimeout(() => (button.textContent = copy), RESET_MS);
        },
        () => (button.textContent = words['copyFailed'] ?? 'Press Ctrl+C'),
      );
    });
    header.append(button);
  }
}

enhanceCodeBlocks();
