import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  needs?: string | string[];
  'runs-on'?: string;
  env?: Record<string, unknown>;
  environment?: string | { name?: string; url?: string };
  steps?: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

// js-yaml uses the YAML 1.2 core schema, so the `on:` key stays the string "on".
const workflow = yaml.load(read('.github/workflows/deploy.yml')) as Workflow;
const buildJob = workflow.jobs['build'];
const deployJob = workflow.jobs['deploy'];
const buildSteps = buildJob?.steps ?? [];

/** The steps that use an action, matched by name without its version (`actions/checkout`). */
const usesAction = (steps: Step[], action: string) => steps.filter((s) => s.uses?.split('@')[0] === action);
const stepIndex = (predicate: (s: Step) => boolean) => buildSteps.findIndex(predicate);
const runs = (command: string) => (s: Step) => (s.run ?? '').split(/&&|\n/).some((part) => part.trim() === command || part.trim().startsWith(`${command} `));

describe('GitHub Pages workflow', () => {
  it('runs on push to main and by hand', () => {
    const push = workflow.on['push'] as { branches?: string[] } | undefined;
    expect(push?.branches).toContain('main');
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('has exactly the permissions Pages deployment needs', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('never cancels a deployment in progress', () => {
    expect(workflow.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('checks out, sets up Node with the npm cache and configures Pages', () => {
    expect(usesAction(buildSteps, 'actions/checkout')).toHaveLength(1);
    const [setupNode] = usesAction(buildSteps, 'actions/setup-node');
    expect(Number(setupNode?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    expect(setupNode?.with?.['cache']).toBe('npm');
    const [pages] = usesAction(buildSteps, 'actions/configure-pages');
    expect(pages?.id).toBeTruthy();
  });

  it('installs with npm install (not npm ci), then builds', () => {
    const install = stepIndex(runs('npm install'));
    const build = stepIndex(runs('npm run build'));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(build).toBeGreaterThan(install);
    expect(buildSteps.some(runs('npm ci'))).toBe(false);
    // Pages must be configured before the build reads its outputs.
    expect(stepIndex((s) => s.uses?.startsWith('actions/configure-pages@') ?? false)).toBeLessThan(build);
  });

  it('builds with SITE_URL and BASE_PATH from the configure-pages outputs', () => {
    const pagesId = usesAction(buildSteps, 'actions/configure-pages')[0]?.id;
    const buildStep = buildSteps.find(runs('npm run build'));
    const env = { ...buildJob?.env, ...buildStep?.env };
    const output = (name: string) => `\${{ steps.${pagesId}.outputs.${name} }}`;
    expect(env['SITE_URL']).toBe(output('origin'));
    // base_path is "/repo" or "" (user site, custom domain); the trailing slash makes
    // that "/repo/" or "/", never an empty value that would fall back to the config.
    expect(env['BASE_PATH']).toBe(`${output('base_path')}/`);
  });

  it('uploads dist/ as the Pages artifact after the build', () => {
    const upload = usesAction(buildSteps, 'actions/upload-pages-artifact');
    expect(upload).toHaveLength(1);
    expect(String(upload[0]?.with?.['path']).replace(/^\.\/|\/$/g, '')).toBe('dist');
    expect(stepIndex((s) => s === upload[0])).toBeGreaterThan(stepIndex(runs('npm run build')));
  });

  it('deploys from a separate job to the github-pages environment', () => {
    expect(deployJob).toBeDefined();
    expect([deployJob?.needs].flat()).toContain('build');
    const environment = deployJob?.environment;
    const name = typeof environment === 'string' ? environment : environment?.name;
    expect(name).toBe('github-pages');
    const deploySteps = deployJob?.steps ?? [];
    const [deploy] = usesAction(deploySteps, 'actions/deploy-pages');
    expect(deploy?.id).toBeTruthy();
    const url = typeof environment === 'object' ? environment.url : undefined;
    expect(url).toBe(`\${{ steps.${deploy?.id}.outputs.page_url }}`);
  });
});

describe('netlify.toml', () => {
  const config = parseToml(read('netlify.toml')) as {
    build?: { command?: string; publish?: string; environment?: Record<string, string> };
  };

  it('builds with npm install (not npm ci) and publishes dist/', () => {
    expect(config.build?.command).toBe('npm install && npm run build');
    expect(config.build?.publish?.replace(/\/$/, '')).toBe('dist');
  });

  it('pins a Node version Astro supports', () => {
    expect(Number(config.build?.environment?.['NODE_VERSION'])).toBeGreaterThanOrEqual(22);
  });
});

describe('_headers for a sharded search index', () => {
  it("caches each shard's content-named fragments and index chunks for long, and nothing else new", async () => {
    const { headersFile } = await import('../../src/integrations/csp');
    const immutable = (text: string) => [...text.matchAll(/^(\S+)\n {2}Cache-Control: public, max-age=31536000, immutable$/gm)].map((m) => m[1]);
    expect(immutable(headersFile('/blog/', { searchBundles: ['shard-1/', 'shard-2/'] }))).toEqual([
      '/blog/_astro/*',
      '/blog/pagefind/fragment/*',
      '/blog/pagefind/index/*',
      '/blog/pagefind/shard-1/fragment/*',
      '/blog/pagefind/shard-1/index/*',
      '/blog/pagefind/shard-2/fragment/*',
      '/blog/pagefind/shard-2/index/*',
    ]);
  });
});
