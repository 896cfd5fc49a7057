// Turns a target spec into fast-check properties and runs them: shared by `npm run fuzz`
// (run.ts, 100,000 cases each) and the CI quick pass (test/unit/fuzz/quick.test.ts).
import fc from 'fast-check';
import { KithError, isErrorCode } from '../../src/base/errors.ts';
import { PeerError } from '../../src/net/protocols/wire.ts';
import type { PropertyOutcome, Target, TargetSpec } from './target.ts';

const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * The last inputs run, newest last: a crash outside any case (an 'error' event nobody
 * listens to, emitted after a case ended) kills the process before fast-check can report,
 * so run.ts prints these instead.
 */
export const recentCases: { target: string; input: string }[] = [];

function remember(target: string, input: unknown): void {
  recentCases.push({ target, input: fc.stringify(input) });
  if (recentCases.length > 3) recentCases.shift();
}

/** What a target did wrong with one input: the message fast-check prints with the counterexample. */
class FuzzFailure extends Error {}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack === undefined ? '' : `\n${error.stack.split('\n').slice(1, 6).join('\n')}`}`;
  return `a thrown ${typeof error}: ${String(error)}`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * One case: `work` returns or throws a KithError with a stable code (not Internal), within
 * `timeoutMs`. An asynchronous decoder is cut off at the deadline; a synchronous one cannot
 * be, so its time is measured after it returns (a case far over budget still fails).
 */
export async function returnsOrRefuses(work: () => unknown, timeoutMs: number): Promise<void> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = work();
    if (isThenable(result)) {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new FuzzFailure(`hung: no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([result, deadline]);
    }
  } catch (error) {
    if (error instanceof FuzzFailure) throw error;
    if (!(error instanceof KithError) || !isErrorCode(error.code)) throw new FuzzFailure(`untyped throw: ${describe(error)}`);
    // A peer that answers Internal reports its own bug, faithfully relayed (PeerError).
    if (error.code === 'Internal' && !(error instanceof PeerError)) throw new FuzzFailure(`Internal (a bug by definition): ${error.message}`);
  } finally {
    clearTimeout(timer);
  }
  const elapsed = performance.now() - started;
  if (elapsed > timeoutMs) throw new FuzzFailure(`too slow: ${Math.round(elapsed)} ms, over the ${timeoutMs} ms budget`);
}

async function checkProperty<T>(label: string, property: fc.IAsyncProperty<[T]>, cases: number, seed: number | undefined): Promise<PropertyOutcome> {
  const details = await fc.check(property, { numRuns: cases, ...(seed === undefined ? {} : { seed }) });
  if (!details.failed) return { property: label, cases: details.numRuns };
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const report = `${fc.defaultReportMessage(details) ?? `failed (seed ${details.seed})`}\nError: ${error}`;
  return { property: label, cases: details.numRuns, failure: { property: label, seed: details.seed, path: details.counterexamplePath, report } };
}

/** The registry's form of a target: its spec's types closed over. */
export function defineTarget<T, C = undefined, R = never>(spec: TargetSpec<T, C, R>): Target {
  const timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: spec.name,
    covers: spec.covers,
    quickCases: spec.quickCases,
    async check(cases, seed) {
      const context = (spec.setup === undefined ? undefined : await spec.setup()) as C;
      try {
        const decode = fc.asyncProperty(spec.arbitrary, (input) => {
          remember(spec.name, input);
          return returnsOrRefuses(() => spec.run(input, context), timeoutMs);
        });
        const outcomes = [await checkProperty('decode', decode, cases, seed)];
        const { roundTrip } = spec;
        if (roundTrip !== undefined) {
          const trip = fc.asyncProperty(roundTrip.arbitrary, async (value) => {
            await roundTrip.check(value, context);
          });
          outcomes.push(await checkProperty('round trip', trip, Math.min(cases, roundTrip.maxCases ?? cases), seed));
        }
        return outcomes;
      } finally {
        await spec.teardown?.(context);
      }
    },
  };
}
