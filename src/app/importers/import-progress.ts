// `import.progress` events while an import or its undo runs: at the start and end of each
// phase and at most every PROGRESS_MS between, so a UI's bar moves without the node
// spending its time telling it so.
import type { EventPayload } from '../../api/contract.ts';

export const PROGRESS_MS = 100;

export type Phase = EventPayload<'import.progress'>['phase'];
export type Progress = (phase: Phase, done: number, total: number) => void;

export function progressReporter(emit: (payload: EventPayload<'import.progress'>) => void, id: string, now: () => number = Date.now): Progress {
  let last = -Infinity;
  let lastPhase: Phase | undefined;
  return (phase, done, total) => {
    const at = now();
    const edge = phase !== lastPhase || done === 0 || done >= total;
    if (!edge && at - last < PROGRESS_MS) return;
    last = at;
    lastPhase = phase;
    emit({ id, phase, done: Math.min(done, total), total });
  };
}
