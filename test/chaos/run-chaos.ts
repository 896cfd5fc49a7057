// One chaos run: start the network, sample memory, drive random operations and kills for
// the given time, bring every node back, then wait (the quiet period) until the invariants
// hold or the quiet period runs out — and report what was done and what was found.
import { checkNetwork, type CheckReport } from './checks.ts';
import { Driver, type DriverStats } from './driver.ts';
import { MemorySampler, type MemoryFigures } from './memory.ts';
import { Random } from './random.ts';
import { startNetwork } from './topology.ts';

export interface ChaosOptions {
  readonly nodes: number;
  readonly chaosMs: number;
  readonly seed: number;
  /** How long the quiet period may take to converge before what is left counts as violations. */
  readonly quietMs: number;
  /** The most a node's memory may grow over the run (end minus baseline), in MiB. */
  readonly budgetMiB: number;
  readonly log?: (line: string) => void;
}

export interface ChaosResult {
  readonly options: ChaosOptions;
  readonly roles: Record<string, number>;
  readonly stats: DriverStats;
  readonly report: CheckReport;
  /** From the end of the chaos to the invariants holding (or the quiet period's end). */
  readonly convergedMs: number;
  readonly memory: MemoryFigures[];
  /** Nodes over the memory budget. */
  readonly overBudget: string[];
  readonly setupMs: number;
  readonly totalMs: number;
}

const SAMPLE_EVERY_MS = 2_000;

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const random = new Random(options.seed);
  const net = await startNetwork(options.nodes, random, log);
  try {
    const setupMs = Date.now() - started;
    const sampler = new MemorySampler(net.nodes);
    await sampler.start(SAMPLE_EVERY_MS);
    const driver = new Driver(net, random, log);
    log(`chaos for ${Math.round(options.chaosMs / 1000)} s`);
    await driver.run(Date.now() + options.chaosMs);
    log('quiet: every node back up, no more operations');
    await driver.restoreAll();
    const quietStart = Date.now();
    let report = await checkNetwork(net);
    while (report.violations.length > 0 && Date.now() - quietStart < options.quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      report = await checkNetwork(net);
    }
    const convergedMs = Date.now() - quietStart;
    await sampler.stop();
    const memory = sampler.figures();
    return {
      options,
      roles: { relay: net.relays.length, vendor: net.vendors.length, person: net.people.length, 'person behind a relay': net.people.filter((p) => p.spec.port === undefined).length },
      stats: driver.stats,
      report,
      convergedMs,
      memory,
      overBudget: memory.filter((m) => m.growthMiB > options.budgetMiB).map((m) => m.name),
      setupMs,
      totalMs: Date.now() - started,
    };
  } finally {
    await net.remove();
  }
}

/** Whether the run found nothing wrong. */
export function passed(result: ChaosResult): boolean {
  return result.report.violations.length === 0 && result.overBudget.length === 0 && result.stats.restartFailures.length === 0;
}
