// Make a circle, or rename one.
import { useState, type FormEvent } from 'react';
import type { CircleView } from '../../src/api/methods/people.ts';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useKith } from '../state/kith-context.tsx';

export function CircleForm({ circle, onClose, onSaved }: { circle?: CircleView; onClose: () => void; onSaved: () => void }) {
  const { client } = useKith();
  const [name, setName] = useState(circle?.name ?? '');
  const [problem, setProblem] = useState<string>();
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 64) {
      setProblem(trimmed === '' ? 'Give the circle a name, such as family.' : 'Use at most 64 characters.');
      document.getElementById('circle-name')?.focus();
      return;
    }
    setProblem(undefined);
    await submission.run(async () => {
      if (circle === undefined) await client.call('circles.create', { name: trimmed });
      else
        await client.call('circles.rename', {
          circle: circle.id,
          name: trimmed,
        });
      onSaved();
      onClose();
    });
  }

  return (
    <Modal title={circle === undefined ? 'New circle' : `Rename ${circle.name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="circle-name" label="Circle name" required autoFocus hint="Such as family, friends or work." value={name} onValue={setName} error={problem} />
        <FormActions submission={submission} submitLabel={circle === undefined ? 'Create circle' : 'Save name'} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
