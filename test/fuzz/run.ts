// `npm run fuzz [-- --cases N] [--only NAME[,NAME…]] [--skip NAME[,…]] [--seed S]`: every fuzz target for N
// cases (default 100,000) per property, then a table: decoder, cases, failures, time. A
// failure prints its seed, its path and the shrunk counterexample (fast-check's report);
// re-run one with `--only NAME --seed S`. Exits 1 if any property failed.
import { parseArgs } from 'node:util';
import { TARGETS } from './registry.ts';
import { recentCases } from './runner.ts';
import type { CaseFailure } from './target.ts';

const { values } = parseArgs({ options: { cases: { type: 'string' }, only: { type: 'string' }, skip: { type: 'string' }, seed: { type: 'string' } } });
const cases = values.cases === undefined ? 100_000 : Number(values.cases);
if (!Number.isSafeInteger(cases) || cases < 1) throw new Error('--cases takes a whole number of at least 1.');
const seed = values.seed === undefined ? undefined : Number(values.seed);
const only = values.only?.split(',');
const named = (list: readonly string[] | undefined) => (t: { name: string }) => list?.some((name) => t.name === name || t.name.startsWith(`${name}/`)) === true;
const skip = values.skip?.split(',');
const chosen = TARGETS.filter((t) => (only === undefined || named(only)(t)) && !named(skip)(t));
if (chosen.length === 0) throw new Error(`No target named ${values.only}. Targets: ${TARGETS.map((t) => t.name).join(', ')}`);

// A decoder that crashes the process (an unhandled 'error' event, say) is the worst failure:
// say which inputs were running when it happened, since fast-check cannot shrink it.
process.on('uncaughtException', (error) => {
  console.log(`\nCRASH: ${error.stack ?? String(error)}\nThe last inputs run (the crash may come from any of them):`);
  for (const c of recentCases) console.log(`  ${c.target}: ${c.input.slice(0, 4000)}`);
  process.exit(2);
});

interface Row {
  readonly decoder: string;
  readonly cases: number;
  readonly failures: number;
  readonly seconds: number;
}

const rows: Row[] = [];
const failures: CaseFailure[] = [];
for (const target of chosen) {
  const started = performance.now();
  const outcomes = await target.check(cases, seed);
  const seconds = (performance.now() - started) / 1000;
  const failed = outcomes.flatMap((o) => (o.failure === undefined ? [] : [o.failure]));
  for (const f of failed) failures.push({ ...f, property: `${target.name} (${f.property})` });
  rows.push({ decoder: target.name, cases: outcomes.reduce((sum, o) => sum + o.cases, 0), failures: failed.length, seconds });
  console.error(`${target.name}: ${failed.length === 0 ? 'ok' : 'FAILED'}, ${rows.at(-1)?.cases ?? 0} cases in ${seconds.toFixed(1)} s`);
}

const width = Math.max(...rows.map((r) => r.decoder.length), 'decoder'.length);
console.log(`\n| ${'decoder'.padEnd(width)} |     cases | failures |   time |`);
console.log(`| ${'-'.repeat(width)} | --------: | -------: | -----: |`);
for (const r of rows) {
  console.log(`| ${r.decoder.padEnd(width)} | ${r.cases.toLocaleString('en').padStart(9)} | ${String(r.failures).padStart(8)} | ${`${r.seconds.toFixed(1)} s`.padStart(6)} |`);
}
const total = rows.reduce((sum, r) => sum + r.seconds, 0);
console.log(`\n${rows.length} targets, ${rows.reduce((sum, r) => sum + r.cases, 0).toLocaleString('en')} cases, ${failures.length} failed properties, ${total.toFixed(0)} s.`);
for (const f of failures) console.log(`\n--- ${f.property}: seed ${f.seed}, path ${f.path ?? '-'}\n${f.report}`);
process.exitCode = failures.length === 0 ? 0 : 1;
