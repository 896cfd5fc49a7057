// "Undo this import": asks the node first what undoing would do (a dry run), says it in
// the confirmation — how many records go, how many are put back, and which ones you
// changed since and will be kept — and only then undoes it.
import { useState } from 'react';
import type { UndoImportView } from '../../src/api/methods/import.ts';
import { Confirm } from '../components/confirm.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { useKith } from '../state/kith-context.tsx';
import { ImportProgress } from './import-progress.tsx';

const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

export function undoSentence(plan: UndoImportView): string {
  const parts = [`${records(plan.deleted)} it added will be deleted`];
  if (plan.restored > 0) parts.push(`${records(plan.restored)} it changed will be put back as they were`);
  return `${parts.join(', and ')}.`;
}

/** `label`: for this undo's progress events (a new one per import shown). */
export function UndoImport({ run, file, label, onUndone }: { run: string; file: string; label: string; onUndone: (result: UndoImportView) => void }) {
  const { client } = useKith();
  const [plan, setPlan] = useState<UndoImportView>();
  const [busy, setBusy] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<unknown>();

  async function ask() {
    setBusy(true);
    setError(undefined);
    try {
      setPlan(await client.call('data.import.undo', { run, dryRun: true }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="actions left">
        <button type="button" disabled={busy} onClick={() => void ask()}>
          Undo this import
        </button>
      </div>
      <ErrorNote error={error} />
      {plan === undefined ? null : (
        <Confirm
          title={`Undo the import of ${file}?`}
          confirmLabel="Undo the import"
          onClose={() => setPlan(undefined)}
          onConfirm={async () => {
            setUndoing(true);
            try {
              onUndone(await client.call('data.import.undo', { run, progress: label }));
            } finally {
              setUndoing(false);
            }
          }}
        >
          <p>{undoSentence(plan)} Each deletion is kept in the record’s history as a signed tombstone.</p>
          {plan.kept.length === 0 ? null : (
            <p>
              {records(plan.kept.length)} you changed after the import will be kept as {plan.kept.length === 1 ? 'it is' : 'they are'}.
            </p>
          )}
          {undoing ? <ImportProgress label={label} what="Undoing" /> : null}
        </Confirm>
      )}
    </>
  );
}
