// Memory of a whole process tree, sampled from /proc (Linux). Elsewhere the sampler
// reports nothing and the benchmark's memory figures are null.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const PROC = '/proc';
export const procAvailable = (): boolean => process.platform === 'linux' && existsSync(`${PROC}/self/status`);

/** `pid` and every process below it (children, grandchildren, ...). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync(PROC)) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`${PROC}/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid);
    if (list) list.push(Number(name));
    else children.set(ppid, [Number(name)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i] as number) ?? []));
  return tree;
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM), or undefined if the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`${PROC}/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface MemoryStats {
  /** Highest sum of VmRSS over the tree seen in one sample. */
  peakTreeRssBytes: number;
  /**
   * The largest high-water mark (VmHWM) of any one process in the tree, as last read before
   * it exited: the build's own (the root may be /usr/bin/time); what /usr/bin/time's %M says.
   */
  largestHwmBytes: number;
  samples: number;
  /** Most processes seen in the tree at once. */
  maxProcesses: number;
}

/** Samples the tree under `root` every `intervalMs` until stopped. */
export function sampleTree(root: number, intervalMs = 100) {
  const stats: MemoryStats = { peakTreeRssBytes: 0, largestHwmBytes: 0, samples: 0, maxProcesses: 0 };
  const available = procAvailable();
  const sample = () => {
    if (!available) return;
    const tree = processTree(root);
    let total = 0;
    let alive = 0;
    for (const pid of tree) {
      const rss = statusBytes(pid, 'VmRSS');
      if (rss === undefined) continue;
      total += rss;
      alive++;
      stats.largestHwmBytes = Math.max(stats.largestHwmBytes, statusBytes(pid, 'VmHWM') ?? 0);
    }
    if (alive === 0) return;
    stats.samples++;
    stats.peakTreeRssBytes = Math.max(stats.peakTreeRssBytes, total);
    stats.maxProcesses = Math.max(stats.maxProcesses, alive);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    /** Takes a last sample (if the process is still there) and stops. Null when /proc is unavailable. */
    stop(): MemoryStats | null {
      clearInterval(timer);
      sample();
      return available && stats.samples > 0 ? stats : null;
    },
  };
}
