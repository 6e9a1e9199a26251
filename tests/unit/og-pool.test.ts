import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../src/integrations/og-pool';

const poolModule = pathToFileURL(resolve(import.meta.dirname, '../../src/integrations/og-pool.ts')).href;

interface Task {
  id: string;
  sleep?: number;
  /** Busy for this many ms (synchronously, as drawing a card is). */
  spin?: number;
  fail?: string;
  exit?: boolean;
}
interface Out {
  id: string;
  thread: number;
  started?: number;
}

/** A worker module as a data: URL, speaking the pool's protocol through serveTasks. */
const workerUrl = (prelude = '') =>
  new URL(
    `data:text/javascript,${encodeURIComponent(`
      import { threadId } from 'node:worker_threads';
      import { serveTasks } from ${JSON.stringify(poolModule)};
      ${prelude}
      await serveTasks(async (task) => {
        const started = Date.now();
        if (task.spin) for (const end = started + task.spin; Date.now() < end; );
        if (task.spin) return { value: { id: task.id, thread: threadId, started } };
        if (task.sleep) await new Promise((r) => setTimeout(r, task.sleep));
        if (task.fail) throw new TypeError(task.fail);
        if (task.exit) process.exit(3);
        return { value: { id: task.id, thread: threadId } };
      });`)}`,
  );

const inProcess = (task: Task): Promise<Out> => (task.fail ? Promise.reject(new TypeError(task.fail)) : Promise.resolve({ id: task.id, thread: 0 }));

const pools: WorkerPool<Task, Out>[] = [];
function pool(options: Partial<Parameters<typeof createWorkerPool<Task, Out>>[0]> = {}) {
  const created = createWorkerPool<Task, Out>({ file: workerUrl(), size: 2, fallback: inProcess, ...options });
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('worker pool', () => {
  it('runs tasks in worker threads', async () => {
    const p = pool();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => p.submit({ id, sleep: 5 })));
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(results.every((r) => r.thread > 0)).toBe(true);
    expect(p.mode()).toBe('workers');
  });

  it('runs tasks in order of submission on one worker', async () => {
    const p = pool({ size: 1 });
    const done: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((id) => p.submit({ id, sleep: 5 }).then((r) => done.push(r.id))));
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('keeps a worker drawing while this thread is busy, with tasks handed out ahead', async () => {
    for (const inFlight of [1, 4]) {
      const p = pool({ size: 1, inFlight });
      await p.submit({ id: 'warm-up' });
      const results = Promise.all(['a', 'b', 'c', 'd'].map((id) => p.submit({ id, spin: 20 })));
      // this thread busy (as content sync is) for longer than the four tasks take
      const end = Date.now() + 600;
      while (Date.now() < end);
      const started = (await results).map((r) => r.started!);
      // one at a time: the next task waits for this thread; four ahead: all ran meanwhile
      expect(started.filter((at) => at < end).length, `inFlight ${inFlight}`).toBe(inFlight === 1 ? 1 : 4);
    }
  });

  it("rejects a task's error with its message and type, and keeps going", async () => {
    const p = pool();
    await expect(p.submit({ id: 'x', fail: 'no glyphs' })).rejects.toThrow(expect.objectContaining({ name: 'TypeError', message: 'no glyphs' }));
    expect((await p.submit({ id: 'y' })).thread).toBeGreaterThan(0);
  });

  it('falls back to in-process when no worker can start', async () => {
    const reasons: Error[] = [];
    const broken = pool({ file: workerUrl("throw new Error('cannot load the fonts');"), onFallback: (e) => reasons.push(e) });
    expect(await Promise.all([broken.submit({ id: 'a' }), broken.submit({ id: 'b' })])).toEqual([
      { id: 'a', thread: 0 },
      { id: 'b', thread: 0 },
    ]);
    expect(broken.mode()).toBe('in-process');
    expect(reasons.map((e) => e.message)).toEqual(['cannot load the fonts']);

    const missing = pool({ file: resolve(import.meta.dirname, 'no-such-worker.ts'), onFallback: (e) => reasons.push(e) });
    expect(await missing.submit({ id: 'c' })).toEqual({ id: 'c', thread: 0 });
    expect(reasons).toHaveLength(2);

    const none = pool({ file: undefined, onFallback: (e) => reasons.push(e) });
    expect(await none.submit({ id: 'd' })).toEqual({ id: 'd', thread: 0 });
    expect(none.mode()).toBe('in-process');
    expect(reasons).toHaveLength(2);
  });

  it('does the job of a worker that died on another worker, or in-process when none is left', async () => {
    const p = pool({ size: 1, onFallback: () => {} });
    await p.submit({ id: 'warm-up' });
    expect(await p.submit({ id: 'crash', exit: true })).toEqual({ id: 'crash', thread: 0 });
    expect(p.mode()).toBe('in-process');
  });

  it('rejects what is left when closed, and everything after', async () => {
    const p = pool({ size: 1 });
    await p.submit({ id: 'warm-up' });
    const running = expect(p.submit({ id: 'slow', sleep: 200 })).rejects.toThrow(/closed/);
    const queued = expect(p.submit({ id: 'queued' })).rejects.toThrow(/closed/);
    await p.close();
    await running;
    await queued;
    await expect(p.submit({ id: 'late' })).rejects.toThrow(/closed/);
    expect(p.mode()).toBe('closed');
  });

  it('never keeps the process alive once no task is pending', () => {
    const script = `
      import { createWorkerPool } from ${JSON.stringify(poolModule)};
      const pool = createWorkerPool({ file: new URL(${JSON.stringify(workerUrl().href)}), size: 2, fallback: async () => 'in-process' });
      const { id, thread } = await pool.submit({ id: 'awaited', sleep: 50 });
      console.log(id, thread > 0, pool.mode());`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('awaited true workers');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
