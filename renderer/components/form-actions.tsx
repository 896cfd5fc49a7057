// The foot of a form: the error from the last attempt, if any, then the way back and the
// submit button, which says what is happening while the form is busy.
import { ErrorNote } from './error-note.tsx';
import type { Submission } from './use-submission.ts';

export interface FormActionsProps {
  readonly submission: Pick<Submission, 'busy' | 'error'>;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly onCancel: () => void;
  /** "Cancel" unless told otherwise. */
  readonly cancelLabel?: string;
}

export function FormActions({ submission, submitLabel, busyLabel, onCancel, cancelLabel = 'Cancel' }: FormActionsProps) {
  return (
    <>
      <ErrorNote error={submission.error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="primary" disabled={submission.busy}>
          {submission.busy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
