import { parentPort, Worker, type Transferable } from 'node:worker_threads';

/**
 * A small worker_threads pool for CPU-bound build work (the OG cards): a few tasks handed to
 * each worker at a time (`inFlight`), first come first served, and an in-process fallback that takes over whatever
 * the workers cannot do (no worker file, a worker that fails to start or dies), so a build
 * never fails only because threads are unavailable.
 *
 * Workers are ref'd only while a task is pending: an idle pool never keeps the process
 * alive; `close()` ends the workers for good.
 */

export type PoolMode = 'starting' | 'workers' | 'in-process' | 'closed';

export interface WorkerPool<In, Out> {
  submit(task: In): Promise<Out>;
  mode(): PoolMode;
  /** Ends the workers; tasks not yet done are rejected. */
  close(): Promise<void>;
}

export interface PoolOptions<In, Out> {
  /** The worker's module (a path or URL); undefined: run everything in-process. */
  file: string | URL | undefined;
  size: number;
  /** Runs a task in this thread: used when no worker can. Must give what a worker gives. */
  fallback: (task: In) => Promise<Out>;
  /** Turns a worker's reply into the result (e.g. bytes back into a Buffer). */
  receive?: (value: unknown) => Out;
  /** Called once if the pool gives up on workers and runs tasks in-process. */
  onFallback?: (reason: Error) => void;
  /** A worker not ready after this long counts as failed to start. */
  startTimeoutMs?: number;
  /**
   * Tasks handed to a worker before it answers (default 1). The pool hands out work from this
   * thread's event loop: while this thread is busy (content sync renders Markdown in long
   * synchronous stretches), a worker with one task finishes it and waits; with a few queued it
   * keeps going. More than one costs some balance between workers at the very end.
   */
  inFlight?: number;
  name?: string;
}

/** Messages from a worker. */
type Reply = { type: 'ready' } | { type: 'done'; id: number; value: unknown } | { type: 'failed'; id: number; error: { name: string; message: string; stack?: string } };

interface Job<In, Out> {
  id: number;
  task: In;
  settled: boolean;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  ready: boolean;
  /** Handed to the worker and not answered yet, in the order handed. */
  jobs: Map<number, Job<In, Out>>;
  error: Error | undefined;
}

export function createWorkerPool<In, Out>(options: PoolOptions<In, Out>): WorkerPool<In, Out> {
  const { file, fallback, receive = (value) => value as Out, startTimeoutMs = 60_000 } = options;
  const inFlight = Math.max(1, Math.floor(options.inFlight ?? 1));
  const size = Math.max(0, Math.floor(options.size));
  const queue: Job<In, Out>[] = [];
  const slots = new Set<Slot<In, Out>>();
  let mode: PoolMode = 'starting';
  let nextId = 1;
  let pending = 0; // tasks queued or running: what keeps the process alive
  let inProcessBusy = false;
  let referenced = true;

  const goInProcess = (reason: Error) => {
    if (mode !== 'starting' && mode !== 'workers') return;
    mode = 'in-process';
    options.onFallback?.(reason);
  };

  const settle = (job: Job<In, Out>, outcome: { value: Out } | { error: unknown }) => {
    if (job.settled) return;
    job.settled = true;
    pending--;
    if ('value' in outcome) job.resolve(outcome.value);
    else job.reject(outcome.error);
  };

  /** Ref the workers while a task is pending, unref them otherwise. */
  const updateRef = () => {
    const want = pending > 0;
    if (want === referenced) return;
    referenced = want;
    for (const slot of slots) {
      if (want) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  const runInProcess = () => {
    if (inProcessBusy) return;
    const job = queue.shift();
    if (!job) return;
    inProcessBusy = true;
    void (async () => {
      try {
        settle(job, { value: await fallback(job.task) });
      } catch (error) {
        settle(job, { error });
      } finally {
        inProcessBusy = false;
        pump();
      }
    })();
  };

  const pump = () => {
    if (mode === 'in-process') runInProcess();
    else if (mode === 'workers') {
      for (const slot of slots) {
        while (slot.ready && slot.jobs.size < inFlight && queue.length > 0) {
          const job = queue.shift()!;
          slot.jobs.set(job.id, job);
          slot.worker.postMessage({ id: job.id, task: job.task });
        }
      }
    }
    updateRef();
  };

  const spawn = () => {
    let worker: Worker;
    try {
      // the main thread's flags, less those only a main script may have (`node --input-type=module -e ...`)
      const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
      worker = new Worker(file!, { name: options.name ?? 'pool', execArgv });
    } catch (error) {
      goInProcess(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const slot: Slot<In, Out> = { worker, ready: false, jobs: new Map(), error: undefined };
    slots.add(slot);
    if (!referenced) worker.unref();
    const timer = setTimeout(() => {
      slot.error = new Error(`worker not ready after ${startTimeoutMs} ms`);
      void worker.terminate();
    }, startTimeoutMs);
    timer.unref();
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'ready') {
        clearTimeout(timer);
        slot.ready = true;
        if (mode === 'starting') mode = 'workers';
      } else {
        const job = slot.jobs.get(reply.id);
        if (!job) return;
        slot.jobs.delete(reply.id);
        if (reply.type === 'done') {
          try {
            settle(job, { value: receive(reply.value) });
          } catch (error) {
            settle(job, { error });
          }
        } else {
          settle(job, { error: Object.assign(new Error(reply.error.message), reply.error) });
        }
      }
      pump();
    });
    worker.on('error', (error: Error) => {
      slot.error = error;
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      slots.delete(slot);
      if (mode === 'closed') return;
      // the tasks it had go first to another worker, or in-process when none is left
      queue.unshift(...[...slot.jobs.values()].filter((job) => !job.settled));
      slot.jobs.clear();
      if (slots.size === 0) goInProcess(slot.error ?? new Error(`worker exited with code ${code}`));
      pump();
    });
  };

  if (file === undefined || size === 0) mode = 'in-process';
  else for (let i = 0; i < size && mode === 'starting'; i++) spawn();
  updateRef();

  return {
    submit(task) {
      return new Promise<Out>((resolve, reject) => {
        if (mode === 'closed') return reject(new Error('the worker pool is closed'));
        pending++;
        queue.push({ id: nextId++, task, settled: false, resolve, reject });
        pump();
      });
    },
    mode: () => mode,
    async close() {
      if (mode === 'closed') return;
      mode = 'closed';
      const closed = new Error('the worker pool is closed');
      for (const job of queue.splice(0)) settle(job, { error: closed });
      for (const slot of slots) for (const job of slot.jobs.values()) settle(job, { error: closed });
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
      slots.clear();
    },
  };
}

/**
 * The worker side: runs `init` (e.g. loading fonts), says ready, then answers tasks in the
 * order they come with `handle`, which may name buffers to transfer rather than copy.
 */
export async function serveTasks<In>(handle: (task: In) => Promise<{ value: unknown; transfer?: Transferable[] }>, init?: () => Promise<unknown>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread');
  await init?.();
  const answer = async ({ id, task }: { id: number; task: In }) => {
    try {
      const { value, transfer = [] } = await handle(task);
      port.postMessage({ type: 'done', id, value } satisfies Reply, transfer);
    } catch (error) {
      const { name = 'Error', message = String(error), stack } = error instanceof Error ? error : {};
      port.postMessage({ type: 'failed', id, error: { name, message, ...(stack === undefined ? {} : { stack }) } } satisfies Reply);
    }
  };
  port.on('message', (message: { id: number; task: In }) => void answer(message));
  port.postMessage({ type: 'ready' } satisfies Reply);
}
