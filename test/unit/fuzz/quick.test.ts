// The CI pass of the fuzz suite: every target of test/fuzz/registry.ts at 1,000 cases per
// property (fewer for the few the registry marks slow, each saying why). A failure prints
// fast-check's report: the seed, the path and the shrunk counterexample; reproduce it with
// `npm run fuzz -- --only NAME --seed SEED`.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TARGETS } from '../../fuzz/registry.ts';

const QUICK_CASES = 1_000;

for (const target of TARGETS) {
  test(`fuzz ${target.name}: ${target.covers}`, async () => {
    const outcomes = await target.check(target.quickCases ?? QUICK_CASES);
    for (const outcome of outcomes) {
      assert.equal(outcome.failure, undefined, outcome.failure === undefined ? '' : `${target.name} (${outcome.property}), seed ${outcome.failure.seed}:\n${outcome.failure.report}`);
    }
  });
}
