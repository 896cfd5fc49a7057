// Samples the resident memory (VmRSS, from /proc/<pid>/status: Linux) of every running node
// every few seconds. A node's baseline is its first sample once the network is set up and
// before the chaos starts; its growth is the last sample (after the quiet period) minus the
// baseline, and its peak the largest sample of any of its processes (a restarted node is a
// new process, so its memory starts over — the peak and the end still count).
import { readFile } from 'node:fs/promises';
import type { ChaosNode } from './chaos-node.ts';

const MIB = 1024 * 1024;

export interface MemoryFigures {
  readonly name: string;
  readonly baselineMiB: number;
  readonly peakMiB: number;
  readonly endMiB: number;
  readonly growthMiB: number;
  readonly samples: number;
}

export async function rssBytes(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kib = status?.match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  return kib === undefined ? undefined : Number(kib) * 1024;
}

export class MemorySampler {
  readonly #nodes: readonly ChaosNode[];
  readonly #samples = new Map<string, number[]>();
  readonly #baseline = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(nodes: readonly ChaosNode[]) {
    this.#nodes = nodes;
  }

  async sample(): Promise<void> {
    await Promise.all(
      this.#nodes.map(async (node) => {
        const pid = node.pid;
        const rss = pid === undefined ? undefined : await rssBytes(pid);
        if (rss === undefined) return;
        const list = this.#samples.get(node.name) ?? [];
        list.push(rss);
        this.#samples.set(node.name, list);
      }),
    );
  }

  /** Takes the baselines now and samples every `everyMs` until stop(). */
  async start(everyMs: number): Promise<void> {
    await this.sample();
    for (const [name, list] of this.#samples) this.#baseline.set(name, list[list.length - 1]!);
    this.#timer = setInterval(() => void this.sample(), everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.sample();
  }

  figures(): MemoryFigures[] {
    return this.#nodes.map((node) => {
      const list = this.#samples.get(node.name) ?? [];
      const baseline = this.#baseline.get(node.name) ?? list[0] ?? 0;
      const end = list[list.length - 1] ?? 0;
      return {
        name: node.name,
        baselineMiB: round(baseline / MIB),
        peakMiB: round(Math.max(0, ...list) / MIB),
        endMiB: round(end / MIB),
        growthMiB: round((end - baseline) / MIB),
        samples: list.length,
      };
    });
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
