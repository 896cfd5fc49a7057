// Step 1 of creating an identity: the passphrase that encrypts the key on this computer.
import type { FormEvent } from 'react';
import { FormActions } from '../components/form-actions.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useNewPassphrase } from './new-passphrase.tsx';

export function CreateIdentity({ create, onBack }: { create: (passphrase: string) => Promise<void>; onBack: () => void }) {
  const passphrase = useNewPassphrase('new-passphrase', 'Passphrase');
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = passphrase.checked();
    if (chosen !== undefined) await submission.run(() => create(chosen));
  }

  return (
    <form className="card onboarding" onSubmit={(e) => void submit(e)} noValidate>
      <h1>Create your identity</h1>
      <p>Choose a passphrase. Kith asks for it when it starts, and it encrypts your key on this computer.</p>
      {passphrase.fields}
      <FormActions submission={submission} submitLabel="Create identity" busyLabel="Creating your key…" onCancel={onBack} cancelLabel="Back" />
    </form>
  );
}
