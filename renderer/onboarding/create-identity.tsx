// Step 1 of creating an identity: the passphrase that encrypts the key on this computer.
import { useState, type FormEvent } from 'react';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { passphraseProblems } from './passphrase-rules.ts';

export function CreateIdentity({ create, onBack }: { create: (passphrase: string) => Promise<void>; onBack: () => void }) {
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [problems, setProblems] = useState<{ first?: string; second?: string }>({});
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = passphraseProblems(first, second);
    setProblems(found);
    if (found.first !== undefined || found.second !== undefined) {
      document.getElementById(found.first === undefined ? 'new-passphrase-2' : 'new-passphrase')?.focus();
      return;
    }
    await submission.run(() => create(first));
  }

  return (
    <form className="card onboarding" onSubmit={(e) => void submit(e)} noValidate>
      <h1>Create your identity</h1>
      <p>Choose a passphrase. Kith asks for it when it starts, and it encrypts your key on this computer.</p>
      <Field id="new-passphrase" label="Passphrase" type="password" autoComplete="new-password" required autoFocus value={first} onValue={setFirst} error={problems.first} />
      <Field id="new-passphrase-2" label="The same passphrase again" type="password" autoComplete="new-password" required value={second} onValue={setSecond} error={problems.second} />
      <FormActions submission={submission} submitLabel="Create identity" busyLabel="Creating your key…" onCancel={onBack} cancelLabel="Back" />
    </form>
  );
}
