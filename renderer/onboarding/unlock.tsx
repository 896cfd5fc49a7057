// The key is encrypted at rest; this asks for the passphrase that opens it. A wrong one
// changes nothing. A forgotten one: restore from the recovery phrase, with a new one. In
// the desktop app, with keychain unlock on (Settings), the keychain can open it instead.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import { shortDid } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useDesktop } from '../state/use-desktop.ts';
import type { DesktopShell } from '../transport/desktop.ts';
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
      <KeychainUnlock />
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

/** The desktop app's other way in, shown only when keychain unlock is on. */
function KeychainUnlock() {
  const desktop = useDesktop();
  const [enabled, setEnabled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    // If the shell cannot say, the passphrase still works: nothing to show.
    desktop?.keychainStatus().then(
      (status) => setEnabled(status.available && status.enabled),
      () => setEnabled(false),
    );
  }, [desktop]);
  if (desktop === undefined || (!enabled && error === undefined)) return null;

  async function unlock(shell: DesktopShell) {
    setBusy(true);
    setError(undefined);
    try {
      // Unlocking changes the identity status, which replaces this screen.
      await shell.unlockWithKeychain();
    } catch (caught) {
      setError(caught);
      setBusy(false);
      // The shell forgets a passphrase that no longer unlocks: then only typing it remains.
      const status = await shell.keychainStatus().catch(() => undefined);
      setEnabled(status?.enabled === true);
    }
  }

  return (
    <div className="keychain-unlock">
      {enabled ? (
        <>
          <p className="note">Or let your computer&apos;s keychain open it, as you chose in Settings.</p>
          <button type="button" disabled={busy} onClick={() => void unlock(desktop)}>
            {busy ? 'Unlocking…' : 'Unlock with keychain'}
          </button>
        </>
      ) : null}
      <ErrorNote error={error} />
    </div>
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
