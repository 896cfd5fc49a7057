// Settings → read receipts: whether my node tells the people I write with that I have read
// their messages. Saved in the locker (signed, logged, exported with everything else).
import { useEffect, useState } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { useSettings } from '../sharing/use-default-terms.ts';
import { useKith } from '../state/kith-context.tsx';

export function ReadReceipts() {
  const { client } = useKith();
  const settings = useSettings();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  // The switch moves as it is pressed; it moves back if saving fails.
  const [chosen, setChosen] = useState<boolean>();
  const saved = settings.data?.readReceipts;
  const on = chosen ?? saved;
  // Once the node answers with it, the saved value leads again (a change from the CLI shows).
  useEffect(() => {
    if (saved === chosen) setChosen(undefined);
  }, [saved, chosen]);

  async function change(next: boolean) {
    setBusy(true);
    setError(undefined);
    setStatus('');
    setChosen(next);
    try {
      await client.call('settings.set', { readReceipts: next });
      settings.reload();
      setStatus(next ? 'Read receipts are on.' : 'Read receipts are off.');
    } catch (caught) {
      setError(caught);
      setChosen(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="read-receipts-title">
      <h2 id="read-receipts-title">Read receipts</h2>
      <p id="read-receipts-what">
        When this is on, the people you write with see “Read” beside their message once you have opened it. When it is off, they see only that it was delivered to
        your node.
      </p>
      <ErrorNote error={settings.error} />
      {on === undefined ? (
        settings.error === undefined ? (
          <p className="loading">Loading your settings…</p>
        ) : null
      ) : (
        <label className="check">
          <input type="checkbox" role="switch" checked={on} disabled={busy} aria-describedby="read-receipts-what" onChange={(e) => void change(e.target.checked)} />
          Send read receipts
        </label>
      )}
      <ErrorNote error={error} />
      <p className="status" role="status">
        {status}
      </p>
    </section>
  );
}
