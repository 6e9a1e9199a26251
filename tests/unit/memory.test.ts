import { afterEach, describe, expect, it } from 'vitest';
import { releaseAtBuildEnd, releaseMemory } from '../../src/integrations/memory.ts';
import { isAstroBuild, setAstroCommand } from '../../src/integrations/mode.ts';

describe('releaseMemory', () => {
  it('gives back the pages that garbage filled: the heap shrinks', () => {
    // ~150 MB of objects, dropped when the function returns
    const fill = () => {
      const garbage = Array.from({ length: 1500 }, (_, i) => Array.from({ length: 12_500 }, (_, j) => i + j + 0.5));
      expect(garbage.length).toBe(1500);
      return process.memoryUsage().heapTotal;
    };
    const filled = fill();
    const released = releaseMemory();
    expect(released).toBeGreaterThan(50 * 1024 * 1024);
    expect(process.memoryUsage().heapTotal).toBeLessThan(filled - 50 * 1024 * 1024);
  });

  it('can be called again, and leaves gc() unexposed to the program', () => {
    expect(() => releaseMemory()).not.toThrow();
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
