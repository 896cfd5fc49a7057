// The bar while an import (or its undo) runs: the node sends `import.progress` events
// under the label this screen gave the call, a few times a second. Until the first one
// arrives (a browser still uploading the file) the bar is indeterminate.
import { useState } from 'react';
import type { EventPayload } from '../../src/api/contract.ts';
import { useKithEvent } from '../state/kith-context.tsx';

type Progress = EventPayload<'import.progress'>;

const PHASES: Record<Progress['phase'], string> = { reading: 'Reading the file', checking: 'Comparing with your locker', writing: 'Signing and storing', undoing: 'Undoing' };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function progressText(progress: Progress): string {
  const counts = progress.phase === 'reading' ? `${megabytes(progress.done)} of ${megabytes(progress.total)}` : `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}`;
  return `${PHASES[progress.phase]}: ${counts}`;
}

export function ImportProgress({ label, what }: { label: string; what: string }) {
  const [progress, setProgress] = useState<Progress>();
  useKithEvent((event) => {
    if (event.name === 'import.progress' && event.payload.id === label) setProgress(event.payload);
  });
  return (
    <div className="import-progress">
      {progress === undefined ? <progress aria-label={what} /> : <progress aria-label={what} value={progress.done} max={Math.max(1, progress.total)} />}
      <span aria-live="polite">{progress === undefined ? `${what}…` : progressText(progress)}</span>
    </div>
  );
}
