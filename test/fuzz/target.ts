// A fuzz target: one decoder or parser that takes outside input, the inputs to throw at
// it, and what it must do with them. The properties every target shares (runner.ts):
//   - it returns, or throws a KithError whose code is one of the stable codes and not
//     Internal (Internal means a bug) — never a TypeError, RangeError, SyntaxError…;
//   - each case ends within the target's time budget (the decoder's or protocol's own
//     timeout), measured for synchronous decoders too, so super-linear work shows up;
//   - inputs are bounded by the arbitraries, so a case's memory is bounded by its input
//     unless the decoder allocates for sizes it was only told (targets check that where a
//     format declares lengths: framing, zip, tar, the encrypted header);
//   - where there is an encoder, decode(encode(x)) gives x back (roundTrip).
import type fc from 'fast-check';

export interface TargetSpec<T, C, R> {
  readonly name: string;
  /** What the target reads, in words (README table). */
  readonly covers: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** One decode of `input`; anything it returns is fine, anything it throws is checked. */
  readonly run: (input: T, context: C) => unknown;
  /** Built once per run (a signer, a sample bundle, a bridge), closed by `teardown`. */
  readonly setup?: () => Promise<C>;
  readonly teardown?: (context: C) => Promise<void>;
  /** Where there is an encoder: `check` throws (e.g. assert) unless decode(encode(x)) is x. */
  readonly roundTrip?: {
    readonly arbitrary: fc.Arbitrary<R>;
    readonly check: (value: R, context: C) => unknown;
    /** At most this many cases (for a round trip of a few fixed samples, more repeat them). */
    readonly maxCases?: number;
  };
  /** Longest one case may take, ms (default 2,000: far above any decoder's honest time). */
  readonly timeoutMs?: number;
  /** Cases of the CI quick pass when 1,000 would be too slow (say why where it is set). */
  readonly quickCases?: number;
}

export interface CaseFailure {
  readonly property: string;
  readonly seed: number;
  readonly path: string | null;
  readonly report: string;
}

export interface PropertyOutcome {
  readonly property: string;
  readonly cases: number;
  readonly failure?: CaseFailure;
}

/** A target with its types erased, as the registry and the runner hold it. */
export interface Target {
  readonly name: string;
  readonly covers: string;
  readonly quickCases: number | undefined;
  /** Runs every property of the target for `cases` cases each. */
  check(cases: number, seed?: number): Promise<PropertyOutcome[]>;
}
