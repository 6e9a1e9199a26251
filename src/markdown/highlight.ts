/**
 * Syntax highlighting for Markdown and MDX, off the main thread: Astro's content sync
 * renders ten posts at a time, and their code blocks are highlighted by a small pool of
 * worker threads while the main thread goes on parsing. A small site never starts them: it
 * highlights here (see WORKERS_FROM_POSTS). Falls back to in-process.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import { highlight, type HastJson, type HighlightRequest } from './highlight-core.ts';

/** A highlighted block, and the thread that highlighted it (0: the main thread). */
export interface Highlighted {
  pre: HastJson;
  warning?: string;
  thread: number;
}

/**
 * Sites with at most this many posts highlight in this thread. Each worker loads Shiki and
 * compiles the grammars again (about a second of CPU each on a 2-core machine), which a small
 * site never earns back; a large one gains from the main thread parsing meanwhile.
 */
export const WORKERS_FROM_POSTS = 300;

interface Pending {
  resolve: (value: Highlighted) => void;
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
      worker.on('message', (message: { id: number; pre?: HastJson; warning?: string; error?: string; thread: number }) => {
        const job = this.#pending.get(message.id);
        if (!job) return;
        this.#pending.delete(message.id);
        this.#load[i] = (this.#load[i] ?? 1) - 1;
        if (this.#pending.size === 0) for (const w of this.#workers) w.unref();
        if (message.error || !message.pre) job.reject(new Error(message.error ?? 'no result'));
        else job.resolve(message.warning ? { pre: message.pre, warning: message.warning, thread: message.thread } : { pre: message.pre, thread: message.thread });
      });
      worker.on('error', (error: Error) => {
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

  run(request: HighlightRequest): Promise<Highlighted> {
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
const PLAN = Symbol.for('folio.highlightPlan');
type Holder = { [POOL]?: Pool | null; [PLAN]?: 'here' | 'workers' };

/** Set by the content loader before it renders: how many posts the site has (see WORKERS_FROM_POSTS). */
export function planHighlighting(posts: number): void {
  (globalThis as Holder)[PLAN] = posts > WORKERS_FROM_POSTS ? 'workers' : 'here';
}

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

const here = async (request: HighlightRequest): Promise<Highlighted> => ({ ...(await highlight(request)), thread: threadId });

/** Highlights a block: here for a small site (or with no plan: an MDX page compiled on its own), else in a worker. */
export async function highlightBlock(request: HighlightRequest): Promise<Highlighted> {
  if ((globalThis as Holder)[PLAN] !== 'workers') return here(request);
  const workers = pool();
  if (!workers) return here(request);
  try {
    return await workers.run(request);
  } catch {
    return here(request);
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
  delete holder[PLAN];
  if (workers) await workers.close();
}
