// Give a contact another petname: the name only you see.
import { useState, type FormEvent } from 'react';
import type { ContactView } from '../../src/api/methods/people.ts';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useKith } from '../state/kith-context.tsx';

export function RenameContact({ contact, onClose }: { contact: ContactView; onClose: () => void }) {
  const { client } = useKith();
  const [petname, setPetname] = useState(contact.petname);
  const [problem, setProblem] = useState<string>();
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    if (petname.trim() === '') {
      setProblem('Give them a name, such as Ana or Mum.');
      document.getElementById('contact-petname')?.focus();
      return;
    }
    setProblem(undefined);
    await submission.run(async () => {
      await client.call('contacts.rename', {
        contact: contact.peerId,
        petname: petname.trim(),
      });
      onClose();
    });
  }

  return (
    <Modal title={`Rename ${contact.petname}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="contact-petname"
          label="Name"
          required
          autoFocus
          maxLength={200}
          hint="Only you see this name."
          value={petname}
          onValue={setPetname}
          error={problem}
        />
        <FormActions submission={submission} submitLabel="Save name" busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
