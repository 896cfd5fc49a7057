// Bring an identity back from its 24 words (the same DID and PeerId), with a passphrase
// for this computer. Also the way back from a forgotten passphrase.
import { useState, type FormEvent } from 'react';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useKith } from '../state/kith-context.tsx';
import { passphraseProblems } from './passphrase-rules.ts';

const PHRASE_WORDS = 24;

export function phraseProblem(phrase: string): string | undefined {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Type your recovery phrase.';
  if (words.length !== PHRASE_WORDS) return `A recovery phrase has ${PHRASE_WORDS} words; this has ${words.length}.`;
  return undefined;
}

export function RestoreIdentity({ onBack, onRestored }: { onBack: () => void; onRestored?: () => void }) {
  const { client } = useKith();
  const [phrase, setPhrase] = useState('');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [problems, setProblems] = useState<{ phrase?: string; first?: string; second?: string }>({});
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = { phrase: phraseProblem(phrase), ...passphraseProblems(first, second) };
    setProblems(found);
    const firstBad = found.phrase !== undefined ? 'restore-phrase' : found.first !== undefined ? 'restore-passphrase' : found.second !== undefined ? 'restore-passphrase-2' : undefined;
    if (firstBad !== undefined) return document.getElementById(firstBad)?.focus();
    await submission.run(async () => {
      const words = phrase.trim().toLowerCase().split(/\s+/).join(' ');
      await client.call('identity.restore', { recoveryPhrase: words, passphrase: first });
      onRestored?.();
    });
  }

  return (
    <form className="card onboarding" onSubmit={(e) => void submit(e)} noValidate>
      <h1>Restore your identity</h1>
      <p>Type the 24 words of your recovery phrase, in order, separated by spaces.</p>
      <Field
        id="restore-phrase"
        label="Recovery phrase"
        multiline
        required
        autoFocus
        value={phrase}
        onValue={setPhrase}
        error={problems.phrase}
      />
      <Field id="restore-passphrase" label="New passphrase for this computer" type="password" autoComplete="new-password" required value={first} onValue={setFirst} error={problems.first} />
      <Field id="restore-passphrase-2" label="The same passphrase again" type="password" autoComplete="new-password" required value={second} onValue={setSecond} error={problems.second} />
      <FormActions submission={submission} submitLabel="Restore identity" busyLabel="Restoring…" onCancel={onBack} cancelLabel="Back" />
    </form>
  );
}
