// An error in plain words, announced to screen readers as it appears.
import { describeError } from '../lib/describe-error.ts';

export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  if (error === undefined || error === null) return null;
  const { message, hint } = describeError(error);
  return (
    <div className="error-note" role="alert" id={id}>
      <p className="error-message">{message}</p>
      {hint === undefined ? null : <p className="error-hint">{hint}</p>}
    </div>
  );
}
