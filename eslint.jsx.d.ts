// JSX types for linting .astro templates (tsconfig.eslint.json only; Astro's own checks do not read this).
// astro-eslint-parser reads a template as TSX, where without a JSX namespace every element has an
// error type; Astro's astroHTML.JSX.Element is `HTMLElement | any`, so the element is typed HTMLElement.
import 'astro/astro-jsx';

declare global {
  namespace JSX {
    type Element = HTMLElement;
    type IntrinsicElements = astroHTML.JSX.IntrinsicElements;
  }
}
