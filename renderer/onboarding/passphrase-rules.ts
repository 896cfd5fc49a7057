// The passphrase for a new (or restored) identity. The core accepts any non-empty one;
// the UI asks for at least 8 characters because this passphrase alone guards the key on
// this computer, and for the same text twice because a typo here locks the person out.
export const MIN_PASSPHRASE = 8;

export function passphraseProblems(first: string, second: string): { first?: string; second?: string } {
  if (first.length === 0) return { first: 'Choose a passphrase.' };
  if (first.length < MIN_PASSPHRASE) return { first: `Use at least ${MIN_PASSPHRASE} characters; a few words are easy to remember and hard to guess.` };
  if (second !== first) return { second: 'The two passphrases are not the same. Type it again.' };
  return {};
}
