// The rules of a recovery setup, as the form checks them before asking the node: the same
// as `kith recovery setup` and the contract's schema (2 to 10 friends, any K of them with
// 2 ≤ K ≤ N), in words beside each field, and the shape of a pasted recovery code. The
// node checks again; this only says it sooner.
export const MIN_FRIENDS = 2;
export const MAX_FRIENDS = 10;
export const MIN_THRESHOLD = 2;

export interface SetupProblems {
  readonly friends?: string;
  readonly threshold?: string;
}

export function setupProblems(chosen: number, threshold: string): SetupProblems {
  const friends =
    chosen < MIN_FRIENDS
      ? `Choose at least ${MIN_FRIENDS} friends${chosen === 1 ? ' (one more)' : ''}: a single friend could recover your key alone.`
      : chosen > MAX_FRIENDS
        ? `Choose at most ${MAX_FRIENDS} friends; you chose ${chosen}.`
        : undefined;
  const text = threshold.trim();
  const value = /^\d{1,2}$/.test(text) ? Number(text) : undefined;
  const thresholdProblem =
    text === ''
      ? 'Say how many friends together can help you recover.'
      : value === undefined
        ? 'Type a whole number, such as 2.'
        : value < MIN_THRESHOLD
          ? `At least ${MIN_THRESHOLD}, so that no friend can recover your key alone.`
          : friends === undefined && value > chosen
            ? `At most ${chosen}: you chose ${chosen} friends, and it cannot take more of them than there are.`
            : undefined;
  return { ...(friends === undefined ? {} : { friends }), ...(thresholdProblem === undefined ? {} : { threshold: thresholdProblem }) };
}

/** What a setup means, in one sentence. */
export function setupSentence(threshold: number, friends: number): string {
  return `Any ${threshold} of your ${friends} friends together can help you get your key back; ${threshold - 1 === 1 ? 'one alone learns' : `${threshold - 1} together learn`} nothing about it.`;
}

export const CODE_PREFIX = 'kithr1';

/** What is wrong with a pasted recovery code, in words; the node reads it properly. */
export function codeProblem(code: string): string | undefined {
  const text = code.trim();
  if (text === '') return 'Paste the code your friend’s new device shows.';
  if (!text.startsWith(CODE_PREFIX)) return `That is not a recovery code: it starts with ${CODE_PREFIX}. Paste the whole code.`;
  if (/\s/.test(text)) return 'The code has spaces in it; paste it again, whole.';
  return undefined;
}
