// Settings → how Kith unlocks. In the desktop app the passphrase can be kept in the
// computer's own keychain (macOS Keychain, Windows' DPAPI, the Linux desktop's secret
// service), so Kith opens without typing it; the passphrase never comes back to this page.
// A browser has no such keychain: there Kith always asks.
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { useDesktop } from '../state/use-desktop.ts';
import { useKith } from '../state/kith-context.tsx';
import type { DesktopShell, KeychainStatus } from '../transport/desktop.ts';

export function UnlockMethod() {
  const { mode } = useKith();
  const desktop = useDesktop();
  return (
    <section className="panel" aria-labelledby="unlock-method-title">
      <h2 id="unlock-method-title">Unlocking</h2>
      {desktop !== undefined ? (
        <KeychainSetting desktop={desktop} />
      ) : mode === 'browser' ? (
        <p>
          Unlocking with your computer&apos;s keychain is available in the desktop app: it keeps your passphrase in the system&apos;s own safe store, so Kith opens
          without asking. In the browser, Kith always asks for your passphrase.
        </p>
      ) : (
        <p>This version of the desktop app cannot unlock with the keychain. Update Kith to use it; until then, Kith asks for your passphrase.</p>
      )}
    </section>
  );
}

function KeychainSetting({ desktop }: { desktop: DesktopShell }) {
  const [status, setStatus] = useState<KeychainStatus>();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');

  useEffect(() => {
    desktop.keychainStatus().then(setStatus, setError);
  }, [desktop]);

  async function change(action: () => Promise<KeychainStatus>, done: string) {
    setBusy(true);
    setError(undefined);
    setSaid('');
    try {
      setStatus(await action());
      setPassphrase('');
      setSaid(done);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function turnOn(event: FormEvent) {
    event.preventDefault();
    if (passphrase === '') {
      setProblem('Type your passphrase: Kith checks it before keeping it.');
      document.getElementById('keychain-passphrase')?.focus();
      return;
    }
    setProblem(undefined);
    void change(() => desktop.enableKeychain(passphrase), 'Kith now unlocks with your keychain when it starts.');
  }

  return (
    <>
      {status === undefined ? (
        error === undefined ? (
          <p className="loading">Asking the desktop app…</p>
        ) : null
      ) : !status.available ? (
        <p>
          This computer offers no keychain Kith can trust (on Linux it needs a secret service such as GNOME Keyring or KWallet), so Kith asks for your passphrase
          each time.
        </p>
      ) : status.enabled ? (
        <>
          <p>
            <strong>Kith unlocks with your keychain.</strong> Your passphrase is kept, encrypted by your computer, and used when Kith starts. Turn this off to be
            asked every time.
          </p>
          <div className="actions left">
            <button type="button" disabled={busy} onClick={() => void change(() => desktop.disableKeychain(), 'Kith will ask for your passphrase from now on.')}>
              {busy ? 'Turning off…' : 'Turn off keychain unlock'}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={turnOn} noValidate>
          <p>Kith asks for your passphrase each time it starts. Keep it in your computer&apos;s keychain instead, and Kith opens without asking.</p>
          <Field
            id="keychain-passphrase"
            label="Passphrase"
            type="password"
            autoComplete="current-password"
            required
            value={passphrase}
            onValue={(value) => {
              setPassphrase(value);
              setProblem(undefined);
            }}
            error={problem}
          />
          <div className="actions left">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Turning on…' : 'Turn on keychain unlock'}
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
      <p className="status" role="status">
        {said}
      </p>
    </>
  );
}
