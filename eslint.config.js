// @ts-check
// ESLint for all of Folio's code: typescript-eslint's type-checked rules on TypeScript, JavaScript
// and .astro files, and eslint-plugin-astro's rules on components. Formatting is Prettier's
// (prettier.config.js), so no style rules here. `npm run lint` runs it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, caches, test output and the fixture sites (test input, written as other engines and authors write).
  globalIgnores(['dist/', '.astro/', '.cache/', 'bench-results/', 'tests/.output/', 'test-results/', 'tests/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // A rest sibling is how the code leaves a key out of a copy (`const { frontmatter: _f, ...rest } = x`), as TypeScript allows.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  astro.configs.recommended,
  {
    // astro-eslint-parser has no project service: it builds its own program from a tsconfig, one
    // that adds the JSX types templates need (eslint.jsx.d.ts).
    files: ['**/*.astro', 'eslint.jsx.d.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // <script> blocks of .astro files, linted as virtual files that no TypeScript program holds.
    files: ['**/*.astro/*.ts', '**/*.astro/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Plain JavaScript run by Node: the config files.
    files: ['*.js', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Inlined byte for byte into every page's <head> and hashed for the CSP, so its bytes stay as they are.
    files: ['src/scripts/theme-init.js'],
    languageOptions: { globals: globals.browser },
    rules: {
      // The empty catch is the point: storage can be blocked, and then the system theme applies.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Its catch binding is unused (`catch(e){}`), and changing it would change every page and the CSP hash.
      '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }],
    },
  },
);
