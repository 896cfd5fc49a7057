// Errors in plain words. The core's messages are already written for people; here we add
// what the person can do for the codes a UI meets, and never show internal detail.
import { isKithError } from '../../src/base/errors.ts';

export interface Described {
  readonly message: string;
  readonly hint?: string;
}

const HINTS: Partial<Record<string, string>> = {
  WrongPassphrase: 'Check it and try again; passphrases are case-sensitive.',
  KeyLocked: 'Unlock Kith with your passphrase, then try again.',
  Locked: 'Another Kith process is using this data folder. Close it, then try again.',
  Corrupt: 'The data did not pass its integrity checks. Nothing was changed.',
};

export function describeError(error: unknown): Described {
  if (isKithError(error)) {
    if (error.code === 'Internal') return { message: 'Something went wrong inside Kith.', hint: 'This is a bug; please report it. Your data was not changed.' };
    if (error.code === 'WrongPassphrase') return { message: 'That passphrase is not right.', hint: HINTS['WrongPassphrase'] ?? '' };
    const hint = error.hint ?? HINTS[error.code];
    return hint === undefined ? { message: error.message } : { message: error.message, hint: toUiWords(hint) };
  }
  return { message: 'Something unexpected happened.', hint: 'Reload the page and try again.' };
}

/** The core's hints name CLI commands; in the UI, point at the screen instead. */
function toUiWords(hint: string): string {
  return hint
    .replace(/See your records with `kith data list`\./, 'See your records under My data.')
    .replace(/Unlock it with your passphrase first\./, 'Unlock Kith with your passphrase first.');
}
