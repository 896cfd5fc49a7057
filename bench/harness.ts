// Benchmarks compare against a baseline measured in the same run, interleaved round by
// round, because these machines are shared and noisy: only ratios mean anything.

export interface Measurement {
  /** Operations (or bytes) per second, median over rounds. */
  readonly rate: number;
  readonly rounds: readonly number[];
}

/** Runs `body` (which performs `ops` operations) for about `ms` and returns ops per second. */
export async function rateOf(body: () => unknown, ops: number, ms = 300): Promise<number> {
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await body();
    done += ops;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (done * 1000) / elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Measures baseline and subject alternately for `rounds` rounds so that a noisy moment
 * hits both; each side's figure is the median of its rounds. `alongside` measures are
 * taken in the same rounds, for context (no target is judged on them).
 */
export async function compareRates<K extends string = never>(
  baseline: () => Promise<number>,
  subject: () => Promise<number>,
  rounds = 5,
  alongside: Partial<Record<K, () => Promise<number>>> = {},
): Promise<{ baseline: Measurement; subject: Measurement; alongside: Partial<Record<K, Measurement>> }> {
  const b: number[] = [];
  const s: number[] = [];
  const extra = Object.entries(alongside) as [K, () => Promise<number>][];
  const more = new Map<K, number[]>(extra.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    b.push(await baseline());
    s.push(await subject());
    for (const [name, measure] of extra) more.get(name)?.push(await measure());
  }
  const measured: Partial<Record<K, Measurement>> = {};
  for (const [name, values] of more) measured[name] = { rate: median(values), rounds: values };
  return { baseline: { rate: median(b), rounds: b }, subject: { rate: median(s), rounds: s }, alongside: measured };
}

export interface Verdict {
  readonly name: string;
  readonly unit: string;
  readonly baseline: number;
  readonly subject: number;
  /** subject / baseline for rates ("higher is better"), or for times ("lower is better"). */
  readonly ratio: number;
  readonly target: string;
  readonly pass: boolean;
}

const verdicts: Verdict[] = [];

/** Records and prints one comparison. `atLeast` for rates, `atMost` for durations. */
export function report(
  name: string,
  unit: string,
  baseline: number,
  subject: number,
  target: { atLeast: number } | { atMost: number },
): Verdict {
  const ratio = subject / baseline;
  const pass = 'atLeast' in target ? ratio >= target.atLeast : ratio <= target.atMost;
  const targetText = 'atLeast' in target ? `>= ${target.atLeast}` : `<= ${target.atMost}`;
  const verdict = { name, unit, baseline, subject, ratio, target: targetText, pass };
  verdicts.push(verdict);
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toPrecision(3));
  console.log(
    `${pass ? 'PASS' : 'MISS'}  ${name}: ${fmt(subject)} ${unit} vs baseline ${fmt(baseline)} ${unit}` +
      ` -> ratio ${ratio.toFixed(2)} (target ${targetText})`,
  );
  return verdict;
}

export function allVerdicts(): readonly Verdict[] {
  return verdicts;
}
