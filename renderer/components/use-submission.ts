// The busy and error state every form shares while it sends what was typed: the submit
// button waits while the call runs, and a failure shows as an ErrorNote (FormActions).
import { useState } from 'react';

export interface Submission {
  readonly busy: boolean;
  /** What went wrong the last time, until cleared or tried again. */
  readonly error: unknown;
  clearError(): void;
  /**
   * Marks the form busy, clears the last error and runs `action`. If it throws, the error
   * shows and the form can be sent again; if it succeeds the form stays busy, as it is
   * about to be closed or replaced.
   */
  run(action: () => Promise<void>): Promise<void>;
}

export function useSubmission(): Submission {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    error,
    clearError: () => setError(undefined),
    async run(action) {
      setBusy(true);
      setError(undefined);
      try {
        await action();
      } catch (caught) {
        setError(caught);
        setBusy(false);
      }
    },
  };
}
