import { afterEach, describe, expect, it } from 'vitest';
import { releaseAtBuildEnd, releaseMemory } from '../../src/integrations/memory.ts';
import { isAstroBuild, setAstroCommand } from '../../src/integrations/mode.ts';

// ~150 MB of objects, dropped when the function returns
const fill = () => {
  const garbage = Array.from({ length: 1500 }, (_, i) => Array.from({ length: 12_500 }, (_, j) => i + j + 0.5));
  expect(garbage.length).toBe(1500);
  return process.memoryUsage().heapTotal;
};
const MB = 1024 * 1024;

describe('releaseMemory', () => {
  it('leaves a heap under its threshold as it is (the collection would cost more than it gives back)', () => {
    const filled = fill();
    expect(releaseMemory(filled + MB)).toBe(0);
    expect(process.memoryUsage().heapTotal).toBeGreaterThan(filled - 50 * MB);
  });

  it('gives back the pages that garbage filled, over its threshold: the heap shrinks', () => {
    const filled = fill();
    const released = releaseMemory(filled - MB);
    expect(released).toBeGreaterThan(50 * MB);
    expect(process.memoryUsage().heapTotal).toBeLessThan(filled - 50 * MB);
  });

  it('can be called again, and leaves gc() unexposed to the program', () => {
    expect(() => releaseMemory(0)).not.toThrow();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});

describe('releaseAtBuildEnd', () => {
  const command = (globalThis as Record<symbol, unknown>)[Symbol.for('folio.astroCommand')];
  afterEach(() => {
    (globalThis as Record<symbol, unknown>)[Symbol.for('folio.astroCommand')] = command;
  });

  it('runs what a build registered once, when the pages are written', () => {
    setAstroCommand('build');
    const cache = new Map([['post', 'html']]);
    releaseAtBuildEnd(() => cache.clear());
    expect(cache.size).toBe(1);
    releaseMemory();
    expect(cache.size).toBe(0);
    cache.set('post', 'again');
    releaseMemory();
    expect(cache.size).toBe(1);
  });

  it('registers nothing outside a build (the dev server keeps its caches)', () => {
    setAstroCommand('dev');
    expect(isAstroBuild()).toBe(false);
    let released = 0;
    releaseAtBuildEnd(() => released++);
    releaseMemory();
    expect(released).toBe(0);
  });
});
