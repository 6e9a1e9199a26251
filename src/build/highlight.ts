/**
 * Syntax highlighting for Markdown and MDX, off the main thread: Astro's content sync
 * renders ten posts at a time, and their code blocks are highlighted by a small pool of
 * worker threads while the main thread goes on parsing. Falls back to in-process.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { highlight, type HastJson, type HighlightRequest } from './highlight-core.ts';

interface Pending {
  resolve: (value: { pre: HastJson; warning?: string }) => void;
  reject: (error: Error) => void;
}

class Pool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #load: number[] = [];
  #next = 0;

  constructor(file: string, size: number) {
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(file);
      worker.unref();
      worker.on('message', (message: { id: number; pre?: HastJson; warning?: string; error?: string }) => {
        const job = this.#pending.get(message.id);
        if (!job) return;
        this.#pending.delete(message.id);
        this.#load[i] = (this.#load[i] ?? 1) - 1;
        if (this.#pending.size === 0) for (const w of this.#workers) w.unref();
        if (message.error || !message.pre) job.reject(new Error(message.error ?? 'no result'));
        else job.resolve(message.warning ? { pre: message.pre, warning: message.warning } : { pre: message.pre });
      });
      worker.on('error', (error) => {
        for (const job of this.#pending.values()) job.reject(error);
        this.#pending.clear();
      });
      this.#workers.push(worker);
      this.#load.push(0);
    }
  }

  /** Stops the workers (their highlighters hold every grammar loaded so far). */
  close(): Promise<number[]> {
    return Promise.all(this.#workers.map((w) => w.terminate()));
  }

  run(request: HighlightRequest): Promise<{ pre: HastJson; warning?: string }> {
    // the least busy worker takes the block
    let best = 0;
    for (let i = 1; i < this.#workers.length; i += 1) if ((this.#load[i] ?? 0) < (this.#load[best] ?? 0)) best = i;
    const id = (this.#next += 1);
    this.#load[best] = (this.#load[best] ?? 0) + 1;
    const worker = this.#workers[best]!;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  }
}

const POOL = Symbol.for('folio.highlightPool');
type Holder = { [POOL]?: Pool | null };

function pool(): Pool | null {
  const holder = globalThis as Holder;
  if (holder[POOL] !== undefined) return holder[POOL];
  const file = fileURLToPath(new URL('./highlight-worker.ts', import.meta.url));
  const size = Math.min(2, availableParallelism());
  try {
    holder[POOL] = existsSync(file) && size > 0 ? new Pool(file, size) : null;
  } catch {
    holder[POOL] = null;
  }
  return holder[POOL];
}

/** Highlights a block in a worker when one is available, else here. */
export async function highlightBlock(request: HighlightRequest): Promise<{ pre: HastJson; warning?: string }> {
  const workers = pool();
  if (!workers) return highlight(request);
  try {
    return await workers.run(request);
  } catch {
    return highlight(request);
  }
}

/**
 * Ends the worker pool once content sync is done, so its memory is free for page rendering.
 * A later highlight (an MDX page compiled afterwards, a dev reload) starts a new pool.
 */
export async function closeHighlightPool(): Promise<void> {
  const holder = globalThis as Holder;
  const workers = holder[POOL];
  delete holder[POOL];
  if (workers) await workers.close();
}
