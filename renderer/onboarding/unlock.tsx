// The key is encrypted at rest; this asks for the passphrase that opens it. A wrong one
// changes nothing. A forgotten one: restore from the recovery phrase, with a new one.
import { useRef, useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import { shortDid } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { RestoreIdentity } from './restore-identity.tsx';

function UnlockForm({ did, onForgot }: { did: string | undefined; onForgot: () => void }) {
  const { client } = useKith();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  usePrimaryFocus(input);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (passphrase === '') {
      setProblem('Type your passphrase.');
      return input.current?.focus();
    }
    setProblem(undefined);
    setBusy(true);
    try {
      await client.call('identity.unlock', { passphrase });
    } catch (caught) {
      setError(caught);
      setBusy(false);
      input.current?.select();
    }
  }

  return (
    <form className="card onboarding" onSubmit={(e) => void submit(e)} noValidate>
      <h1>Unlock Kith</h1>
      <p>Your key is locked. Type your passphrase to open your data{did === undefined ? '' : ` (${shortDid(did)})`}.</p>
      <Field ref={input} id="unlock-passphrase" label="Passphrase" type="password" autoComplete="current-password" required value={passphrase} onValue={setPassphrase} error={problem} />
      <ErrorNote error={error} />
      <div className="actions">
        <button type="button" className="link" onClick={onForgot}>
          Forgot your passphrase?
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}

export function Unlock({ did }: { did: string | undefined }) {
  const [forgot, setForgot] = useState(false);
  return (
    <main className="centered" id="main">
      {forgot ? <RestoreIdentity onBack={() => setForgot(false)} /> : <UnlockForm did={did} onForgot={() => setForgot(true)} />}
    </main>
  );
}
