// Make a circle, or rename one.
import { useState, type FormEvent } from 'react';
import type { CircleView } from '../../src/api/methods/people.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { useKith } from '../state/kith-context.tsx';

export function CircleForm({ circle, onClose, onSaved }: { circle?: CircleView; onClose: () => void; onSaved: () => void }) {
  const { client } = useKith();
  const [name, setName] = useState(circle?.name ?? '');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 64) {
      setProblem(trimmed === '' ? 'Give the circle a name, such as family.' : 'Use at most 64 characters.');
      document.getElementById('circle-name')?.focus();
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      if (circle === undefined) await client.call('circles.create', { name: trimmed });
      else
        await client.call('circles.rename', {
          circle: circle.id,
          name: trimmed,
        });
      onSaved();
      onClose();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal title={circle === undefined ? 'New circle' : `Rename ${circle.name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="circle-name" label="Circle name" required autoFocus hint="Such as family, friends or work." value={name} onValue={setName} error={problem} />
        <ErrorNote error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : circle === undefined ? 'Create circle' : 'Save name'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
