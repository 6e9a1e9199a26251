// What an imported .astro component is, for the tools that read TypeScript without Astro's
// language server (tsc, typescript-eslint). `astro check` resolves each component file itself.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
  const Component: AstroComponentFactory;
  export default Component;
}
