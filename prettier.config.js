// @ts-check
// Prettier options chosen to match how the code was already written: single quotes, semicolons,
// trailing commas, 2 spaces and long lines. printWidth 190 reformatted the fewest lines of src/
// (measured from 120 to 220). .prettierignore says what Prettier leaves alone.
/** @type {import('prettier').Config} */
export default {
  printWidth: 190,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  tabWidth: 2,
  plugins: ['prettier-plugin-astro'],
  overrides: [
    {
      files: '*.astro',
      // astroCompressHTML 'jsx' is Astro 7's compressHTML default (astro.config.mjs does not change it): a line
      // break inside an element is not content, so reformatting a template never changes a page.
      options: { parser: 'astro', astroCompressHTML: 'jsx' },
    },
  ],
};
