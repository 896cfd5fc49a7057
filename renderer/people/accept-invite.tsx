// Accept an invite: paste the code or the kith: link someone sent you. Both of you become
// each other's contacts; their node has to be reachable right now.
import { useState, type FormEvent } from 'react';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useKith } from '../state/kith-context.tsx';

export function AcceptInvite({ onClose }: { onClose: () => void }) {
  const { client } = useKith();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const submission = useSubmission();
  const [added, setAdded] = useState<string>();
  const [shareName, setShareName] = useState(true);

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    if (code.trim() === '') {
      setProblem('Paste the code or the kith: link you were sent.');
      document.getElementById('accept-code')?.focus();
      return;
    }
    setProblem(undefined);
    await submission.run(async () => {
      const contact = await client.call('invites.accept', {
        code: code.trim(),
        shareName,
      });
      setAdded(contact.petname);
    });
  }

  return (
    <Modal title="Accept an invite" onClose={onClose}>
      {added === undefined ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field
            id="accept-code"
            label="Invite code or link"
            required
            autoFocus
            multiline
            hint="The code, or the link starting with kith:, that someone sent you. Their node needs to be online."
            value={code}
            onValue={setCode}
            error={problem}
          />
          <div className="field">
            <label>
              <input type="checkbox" checked={shareName} onChange={(e) => setShareName(e.target.checked)} /> Tell them my name (from My data)
            </label>
          </div>
          <FormActions submission={submission} submitLabel="Accept invite" busyLabel="Connecting…" onCancel={onClose} />
        </form>
      ) : (
        <div>
          <p role="status">
            <strong>{added}</strong> is now among your contacts, and you among theirs. You can rename them or put them in a circle.
          </p>
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
