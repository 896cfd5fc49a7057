// Give a contact another petname: the name only you see.
import { useState, type FormEvent } from 'react';
import type { ContactView } from '../../src/api/methods/people.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { Modal } from '../components/modal.tsx';
import { useKith } from '../state/kith-context.tsx';

export function RenameContact({ contact, onClose }: { contact: ContactView; onClose: () => void }) {
  const { client } = useKith();
  const [petname, setPetname] = useState(contact.petname);
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (petname.trim() === '') {
      setProblem('Give them a name, such as Ana or Mum.');
      document.getElementById('contact-petname')?.focus();
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      await client.call('contacts.rename', {
        contact: contact.peerId,
        petname: petname.trim(),
      });
      onClose();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
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
        <ErrorNote error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save name'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
