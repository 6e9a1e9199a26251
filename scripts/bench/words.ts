// Vocabulary for the benchmark corpus. Changing anything here changes every generated
// post, so benchmark numbers from before and after the change are not comparable.

/**
 * 150 tag names in popularity order (rank 1 first): the generator draws from them with a
 * Zipf-like weight. They include the symbol-bearing names that slugs must keep apart
 * (`C#`, `C++`, `C`, `F#`, `.NET`, `node.js`, `CI/CD`, `HTTP/2`).
 */
export const TAGS: readonly string[] = [
  'JavaScript', 'TypeScript', 'CSS', 'Python', 'React', 'node.js', 'Go', 'Rust', 'Performance', 'Testing',
  'DevOps', 'Docker', 'Kubernetes', 'Linux', 'Git', 'Web Development', 'Architecture', 'Security', 'Databases', 'PostgreSQL',
  'AWS', 'Career', 'Writing', 'Tooling', 'HTML', 'Accessibility', 'Astro', 'Vue.js', 'Svelte', 'Next.js',
  'C#', 'C++', 'Java', 'Kotlin', 'Swift', '.NET', 'Machine Learning', 'Data Engineering', 'SQL', 'GraphQL',
  'REST', 'API Design', 'Microservices', 'Serverless', 'CI/CD', 'GitHub Actions', 'Terraform', 'Observability', 'Monitoring', 'Logging',
  'Caching', 'Redis', 'MongoDB', 'SQLite', 'Elasticsearch', 'Kafka', 'Distributed Systems', 'Concurrency', 'Functional Programming', 'Type Systems',
  'Compilers', 'WebAssembly', 'Browsers', 'HTTP', 'HTTP/2', 'Networking', 'DNS', 'TLS', 'Cryptography', 'Open Source',
  'Productivity', 'Remote Work', 'Leadership', 'Code Review', 'Refactoring', 'Debugging', 'Profiling', 'Benchmarks', 'Build Systems', 'Vite',
  'Webpack', 'esbuild', 'Bundlers', 'npm', 'Deno', 'Bun', 'Express', 'Django', 'Flask', 'FastAPI',
  'Ruby', 'Rails', 'PHP', 'Laravel', 'Elixir', 'Erlang', 'Haskell', 'Scala', 'Clojure', 'OCaml',
  'F#', 'Zig', 'C', 'Objective-C', 'ASP.NET', 'Angular', 'Tailwind CSS', 'Sass', 'CSS Grid', 'Flexbox',
  'Animations', 'SVG', 'Canvas', 'WebGL', 'Three.js', 'D3.js', 'Data Visualization', 'Static Sites', 'Markdown', 'MDX',
  'Content Management', 'SEO', 'RSS', 'i18n', 'Unicode', 'Typography', 'Design Systems', 'UX', 'Mobile', 'iOS',
  'Android', 'Flutter', 'React Native', 'Electron', 'macOS', 'Windows', 'Vim', 'Emacs', 'VS Code', 'Shell',
  'Regex', 'Algorithms', 'Data Structures', 'Statistics', 'Raspberry Pi', 'Embedded', 'Game Development', 'Books', 'Mentoring', 'Side Projects',
];

/** Singular nouns; plurals come from `plural()`. One-word lower-case ones also make identifiers. */
export const NOUNS: readonly string[] = [
  'build', 'cache', 'compiler', 'request', 'server', 'page', 'post', 'feed', 'query', 'index',
  'module', 'function', 'deploy', 'pipeline', 'test', 'bundle', 'route', 'component', 'template', 'schema',
  'parser', 'layout', 'image', 'font', 'token', 'header', 'database', 'migration', 'container', 'cluster',
  'queue', 'worker', 'thread', 'process', 'benchmark', 'profile', 'trace', 'log', 'metric', 'dashboard',
  'release', 'branch', 'commit', 'review', 'team', 'user', 'reader', 'author', 'editor', 'draft',
  'tag', 'archive', 'sitemap', 'link', 'file', 'folder', 'directory', 'setting', 'variable', 'dependency',
  'package', 'library', 'framework', 'plugin', 'integration', 'endpoint', 'client', 'browser', 'network', 'response',
  'payload', 'stylesheet', 'selector', 'script', 'loop', 'callback', 'promise', 'stream', 'buffer', 'error',
  'warning', 'exception', 'type', 'interface', 'class', 'object', 'array', 'string', 'value', 'key',
  'hash', 'checksum', 'snapshot', 'fixture', 'assertion', 'deadline', 'estimate', 'meeting', 'document', 'note',
  'diagram', 'decision', 'constraint', 'budget', 'latency', 'allocation', 'heap', 'socket', 'handler', 'config',
  'rollout', 'outage', 'incident', 'runbook', 'checklist', 'prototype', 'experiment', 'baseline', 'regression', 'patch',
];

const IRREGULAR_PLURALS: Record<string, string> = { index: 'indexes', heap: 'heaps' };

export function plural(noun: string): string {
  const irregular = IRREGULAR_PLURALS[noun];
  if (irregular) return irregular;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

export const ADJECTIVES: readonly string[] = [
  'fast', 'slow', 'small', 'large', 'stable', 'flaky', 'simple', 'careful', 'obvious', 'subtle',
  'expensive', 'cheap', 'incremental', 'static', 'dynamic', 'deterministic', 'predictable', 'readable', 'brittle', 'robust',
  'quiet', 'noisy', 'cold', 'warm', 'stale', 'fresh', 'shared', 'local', 'remote', 'global',
  'optional', 'strict', 'lazy', 'eager', 'parallel', 'sequential', 'useful', 'awkward', 'surprising', 'boring',
  'familiar', 'clean', 'messy', 'tiny', 'huge', 'hidden', 'explicit', 'implicit', 'typed', 'pure',
  'honest', 'modest', 'reliable', 'fragile', 'generic', 'specific', 'clever', 'naive', 'correct', 'broken',
];

export const ADVERBS: readonly string[] = [
  'quickly', 'slowly', 'carefully', 'quietly', 'eventually', 'usually', 'rarely', 'often', 'always', 'sometimes',
  'simply', 'mostly', 'barely', 'clearly', 'roughly', 'surprisingly', 'deliberately', 'reliably', 'gradually', 'instantly',
];

/** Verbs as [base, third person, past, -ing]. */
export const VERBS: readonly (readonly [string, string, string, string])[] = [
  ['build', 'builds', 'built', 'building'],
  ['cache', 'caches', 'cached', 'caching'],
  ['render', 'renders', 'rendered', 'rendering'],
  ['parse', 'parses', 'parsed', 'parsing'],
  ['split', 'splits', 'split', 'splitting'],
  ['measure', 'measures', 'measured', 'measuring'],
  ['profile', 'profiles', 'profiled', 'profiling'],
  ['rewrite', 'rewrites', 'rewrote', 'rewriting'],
  ['ship', 'ships', 'shipped', 'shipping'],
  ['deploy', 'deploys', 'deployed', 'deploying'],
  ['test', 'tests', 'tested', 'testing'],
  ['debug', 'debugs', 'debugged', 'debugging'],
  ['refactor', 'refactors', 'refactored', 'refactoring'],
  ['review', 'reviews', 'reviewed', 'reviewing'],
  ['write', 'writes', 'wrote', 'writing'],
  ['read', 'reads', 'read', 'reading'],
  ['run', 'runs', 'ran', 'running'],
  ['load', 'loads', 'loaded', 'loading'],
  ['store', 'stores', 'stored', 'storing'],
  ['index', 'indexes', 'indexed', 'indexing'],
  ['sort', 'sorts', 'sorted', 'sorting'],
  ['filter', 'filters', 'filtered', 'filtering'],
  ['merge', 'merges', 'merged', 'merging'],
  ['compress', 'compresses', 'compressed', 'compressing'],
  ['validate', 'validates', 'validated', 'validating'],
  ['replace', 'replaces', 'replaced', 'replacing'],
  ['remove', 'removes', 'removed', 'removing'],
  ['keep', 'keeps', 'kept', 'keeping'],
  ['break', 'breaks', 'broke', 'breaking'],
  ['fix', 'fixes', 'fixed', 'fixing'],
  ['catch', 'catches', 'caught', 'catching'],
  ['find', 'finds', 'found', 'finding'],
  ['choose', 'chooses', 'chose', 'choosing'],
  ['simplify', 'simplifies', 'simplified', 'simplifying'],
  ['document', 'documents', 'documented', 'documenting'],
  ['automate', 'automates', 'automated', 'automating'],
  ['schedule', 'schedules', 'scheduled', 'scheduling'],
  ['share', 'shares', 'shared', 'sharing'],
  ['trace', 'traces', 'traced', 'tracing'],
  ['bundle', 'bundles', 'bundled', 'bundling'],
  ['optimise', 'optimises', 'optimised', 'optimising'],
  ['migrate', 'migrates', 'migrated', 'migrating'],
  ['inline', 'inlines', 'inlined', 'inlining'],
  ['skip', 'skips', 'skipped', 'skipping'],
  ['retry', 'retries', 'retried', 'retrying'],
  ['stream', 'streams', 'streamed', 'streaming'],
  ['invalidate', 'invalidates', 'invalidated', 'invalidating'],
  ['generate', 'generates', 'generated', 'generating'],
];

export const UNITS: readonly string[] = ['seconds', 'minutes', 'hours', 'days', 'weeks', 'builds', 'attempts', 'releases'];
export const PERIODS: readonly string[] = ['week', 'month', 'quarter', 'year', 'sprint', 'spring', 'autumn', 'winter'];
export const NUMBER_WORDS: readonly string[] = ['two', 'three', 'four', 'five', 'six', 'a dozen', 'several', 'many'];
export const DETERMINERS: readonly string[] = ['the', 'a', 'every', 'each', 'our', 'this', 'that', 'one'];

/**
 * Sentence templates. Slots: {N} noun, {Ns} plural noun, {A} adjective, {D} adverb,
 * {V} verb, {V3} third person, {Vd} past, {Vg} -ing, {T} a tag of the post (as a proper
 * noun), {n} a number, {U} unit, {P} period, {W} number word, {X} determiner.
 */
export const SENTENCES: readonly string[] = [
  'The {A} {N} {V3} every {N} before the {N} {V3}.',
  'We {Vd} the {N} {D}, and the {Ns} {Vd} {A} again.',
  'Most {Ns} {V} {A} {Ns} without anyone noticing.',
  'If you {V} the {N} first, the {N} becomes far more {A}.',
  'It took {n} {U} to {V} the {A} {N}.',
  '{Vg} a {A} {N} is {A}, but {Vg} {Ns} is where the time goes.',
  'That is why the {N} {V3} {D} when the {Ns} are {A}.',
  'In {T}, a {N} is just a {N} with a {A} {N}.',
  'Our {N} went from {n} ms to {n} ms after we {Vd} the {Ns}.',
  'Nobody {Vd} the {N} until a {A} {N} {Vd} in production.',
  'The trick is to {V} the {N} once and {V} it everywhere.',
  'Last {P} I {Vd} {n} {Ns} and {Vd} {D} every one of them.',
  'A {A} {N} makes the {N} {A}, which is the whole point.',
  'Each {N} {V3} its own {N}, so the {Ns} never {V} each other.',
  'There are {W} ways to {V} a {N}, and only one of them is {A}.',
  'You can {V} the {N} with {T}, though the {N} stays {A}.',
  'The {N} was {A}; the {Ns} around it were not.',
  'When the {N} {V3}, the {Ns} {V} {D}.',
  'We measured {X} {N} on {n} {Ns} and the {A} {N} won by a wide margin.',
  'Keep the {N} {A} and the {Ns} {A}.',
  'I used to {V} {Ns} by hand, which was {A} and {A}.',
  'The {N} does not need to be {A}; it needs to be {A}.',
  'Once the {Ns} were {A}, {Vg} them became {D} {A}.',
  'Nothing about the {N} is {A} until you {V} it under load.',
  'Our {A} {N} {Vd} {n} {Ns} in a single {P}.',
  'Ask what the {N} is for before you {V} it.',
  '{T} {V3} the {N} for you, but it cannot {V} a {A} {N}.',
  'The {Ns} in {T} are {A} by default, and that matters more than it sounds.',
  'A {N} that {V3} {D} is worth more than a {A} one.',
  'We {Vd} the old {N} and {Vd} a {A} {N} in its place.',
  'Every {N} has a {N}, and every {N} has a {A} {N} hiding behind it.',
  'It is tempting to {V} the {Ns}, but the {A} answer is to {V} fewer of them.',
  'After {W} {U}, the {N} {Vd} {D} and the {Ns} stopped {Vg}.',
  'The {A} part was not the {N} but the {N} we {Vd} around it.',
  'So we {Vd} the {N}, {Vd} the {Ns}, and {Vd} the whole thing again.',
  'Measure the {N} before you {V} it, and again after.',
];

/** Heading templates (same slots). */
export const HEADINGS: readonly string[] = [
  'Why {Ns} stay {A}',
  'The {A} {N}',
  '{Vg} the {N}',
  'What we {Vd}',
  'Measuring {Ns}',
  'A {A} fix',
  'Where the time goes',
  '{Ns} in {T}',
  'The {N} problem',
  'Results',
  'What I would do differently',
  'Background',
  'A {A} {N} for {Ns}',
  'When {Ns} go {A}',
  'First attempt',
  'The numbers',
];

/** Title templates (same slots); title-cased by the generator. */
export const TITLES: readonly string[] = [
  '{Vg} {A} {Ns} with {T}',
  'Notes on {A} {Ns}',
  'Why Our {N} Got {A}',
  'A {A} Look at {T} {Ns}',
  'How We {Vd} the {N}',
  '{T}: {Vg} the {N}',
  'What {n} {Ns} Taught Me About {T}',
  'The {A} {N} Nobody Talks About',
  '{Vg} {Ns} in {T}, Part {n}',
  'Against {A} {Ns}',
  'A Year of {Vg} {Ns}',
  'From {A} to {A}: {Vg} Our {N}',
];

export const LIST_ITEMS: readonly string[] = [
  '{V} the {N} before the {N}',
  'keep {Ns} {A}',
  'a {A} {N} per {N}',
  '{Vg} {Ns} {D}',
  'the {N} {V3} the {N}',
  '{V} {Ns} in {T}',
  'never {V} a {A} {N}',
  'one {N}, {n} {Ns}',
  '{Vg} the {A} {Ns} first',
  'a {N} for every {N} that {V3}',
];

export const LIST_INTROS: readonly string[] = [
  'Here is what we {Vd}:',
  'A few things {Vd} the {N}:',
  'The {A} checklist looks like this:',
  'In order, the steps were:',
  'What to {V} first:',
  'The {Ns} that mattered most:',
];

export const CODE_INTROS: readonly string[] = [
  'The {A} version looks like this:',
  'Here is the {N} we ended up with:',
  'A trimmed-down example:',
  'This is roughly what the {N} does:',
  'In code, it is short:',
];

export const TABLE_INTROS: readonly string[] = [
  'The numbers, before and after:',
  'Here is how the {Ns} compared:',
  'A summary of the {A} {Ns}:',
];

export const LINK_PATHS: readonly string[] = [
  'docs', 'blog', 'guide', 'reference', 'articles', 'notes', 'talks', 'papers',
];
