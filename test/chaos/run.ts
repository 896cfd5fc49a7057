// `npm run chaos -- --nodes 12 --minutes 10 [--seed N] [--quiet-minutes 3] [--budget-mib M]`:
// a chaos network of real daemons on loopback (see run-chaos.ts); prints the seed first (to
// replay the driver's choices with --seed), then a summary; exits 1 on any violation.
import { parseArgs } from 'node:util';
import { passed, runChaos, type ChaosResult } from './run-chaos.ts';
import { randomSeed } from './random.ts';
import { INVARIANTS } from './checks.ts';

/** The memory budget a node's growth must stay within; why this figure: README, "Chaos network". */
export const DEFAULT_BUDGET_MIB = 150;

function positive(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} takes a positive number, not ${value}`);
  return n;
}

export function summary(result: ChaosResult): string {
  const { stats, report, options } = result;
  const lines = [
    `Chaos network — seed ${options.seed}`,
    `nodes: ${options.nodes} (${Object.entries(result.roles).map(([role, n]) => `${n} ${role}`).join(', ')})`,
    `setup ${(result.setupMs / 1000).toFixed(0)} s, chaos ${(options.chaosMs / 1000).toFixed(0)} s, converged ${(result.convergedMs / 1000).toFixed(0)} s into the quiet period, total ${(result.totalMs / 1000).toFixed(0)} s`,
    `operations: ${Object.entries(stats.ok).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
    `refused or failed calls: ${Object.entries(stats.failed).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    `kills ${stats.kills}, restarts ${stats.restarts}${stats.restartFailures.length > 0 ? `, FAILED TO RESTART: ${stats.restartFailures.join(', ')}` : ''}`,
    'invariants:',
    ...INVARIANTS.map((inv) => {
      const bad = report.violations.filter((v) => v.invariant === inv).length;
      return `  ${inv.padEnd(8)} ${bad === 0 ? 'ok' : `${bad} VIOLATIONS`} (${report.checked[inv]} checked)`;
    }),
    ...report.violations.slice(0, 40).map((v) => `  - ${v.invariant}: ${v.message}`),
    `memory (RSS MiB; budget: growth <= ${options.budgetMiB}):`,
    ...result.memory.map((m) => `  ${m.name.padEnd(20)} baseline ${String(m.baselineMiB).padStart(6)}  peak ${String(m.peakMiB).padStart(6)}  end ${String(m.endMiB).padStart(6)}  growth ${String(m.growthMiB).padStart(6)}${result.overBudget.includes(m.name) ? '  OVER BUDGET' : ''}`),
    passed(result) ? 'PASSED' : 'FAILED',
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { nodes: { type: 'string' }, minutes: { type: 'string' }, seed: { type: 'string' }, 'quiet-minutes': { type: 'string' }, 'budget-mib': { type: 'string' } },
  });
  const seed = values.seed === undefined ? randomSeed() : Math.floor(positive(values.seed, '--seed', 1));
  const nodes = Math.floor(positive(values.nodes, '--nodes', 12));
  const minutes = positive(values.minutes, '--minutes', 10);
  console.log(`chaos: seed ${seed} (replay with --seed ${seed})`);
  const started = Date.now();
  const result = await runChaos({
    nodes,
    chaosMs: minutes * 60_000,
    seed,
    quietMs: positive(values['quiet-minutes'], '--quiet-minutes', 3) * 60_000,
    budgetMiB: positive(values['budget-mib'], '--budget-mib', DEFAULT_BUDGET_MIB),
    log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`),
  });
  console.log(summary(result));
  return passed(result) ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main();
