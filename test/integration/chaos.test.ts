// The chaos network, short (issue 16): 4 daemons — a relay, a vendor node on PGlite and two
// people, one of them reachable only through the relay — a minute of random edits, grants,
// revocations, agreements and SIGKILLs, then a quiet period after which every invariant of
// test/chaos/checks.ts must hold and no node's memory may have grown past the budget. The
// seed is new each run and printed: `npm run chaos -- --nodes 4 --minutes 1 --seed N`
// replays the driver's choices. The long run is `npm run chaos` (README, "Chaos network").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INVARIANTS } from '../chaos/checks.ts';
import { randomSeed } from '../chaos/random.ts';
import { passed, runChaos } from '../chaos/run-chaos.ts';
import { DEFAULT_BUDGET_MIB, summary } from '../chaos/run.ts';

test('a small chaos network converges: latest versions, deletions with receipts, nothing twice, trails intact, memory in budget', { timeout: 240_000 }, async (t) => {
  const seed = Number(process.env['KITH_CHAOS_SEED'] ?? randomSeed());
  t.diagnostic(`chaos seed ${seed}`);
  const result = await runChaos({ nodes: 4, chaosMs: 60_000, seed, quietMs: 45_000, budgetMiB: DEFAULT_BUDGET_MIB });
  const text = summary(result);
  t.diagnostic(text);
  assert.ok(passed(result), text);
  // A run that did nothing proves nothing: the chaos happened and every invariant looked at something.
  assert.ok(result.stats.kills > 0 && result.stats.restarts >= result.stats.kills, text);
  assert.ok(result.stats.ok.edit > 0 && result.stats.ok.grant > 0 && result.stats.ok.revoke > 0, text);
  for (const invariant of INVARIANTS) assert.ok(result.report.checked[invariant] > 0, `${invariant} checked nothing\n${text}`);
});
