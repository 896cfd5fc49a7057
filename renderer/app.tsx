// Which part of Kith to show follows the node's identity status (kept current by the
// `identity.changed` event): onboarding, the unlock screen, or the app itself.
import { useState } from 'react';
import { ErrorNote } from './components/error-note.tsx';
import { Onboarding } from './onboarding/onboarding.tsx';
import { Unlock } from './onboarding/unlock.tsx';
import { Shell } from './shell/shell.tsx';
import { useKith } from './state/kith-context.tsx';
import { takeFirstCall } from './state/first-calls.ts';
import { useQuery } from './state/use-query.ts';

export function App() {
  const { client } = useKith();
  const status = useQuery(() => takeFirstCall('identity.status') ?? client.call('identity.status', {}), [], (event) => event.name === 'identity.changed');
  // Set from the moment `identity.init` is called until the phrase is confirmed, so the
  // status turning to "unlocked" does not skip the phrase steps.
  const [newIdentity, setNewIdentity] = useState<{ phrase?: string }>();

  async function create(passphrase: string) {
    setNewIdentity({});
    try {
      const created = await client.call('identity.init', { passphrase });
      setNewIdentity({ phrase: created.recoveryPhrase });
    } catch (error) {
      setNewIdentity(undefined);
      throw error;
    }
  }

  if (status.data === undefined) {
    return (
      <main className="centered" id="main" aria-busy={status.error === undefined}>
        {status.error === undefined ? (
          <p className="loading">Opening Kith…</p>
        ) : (
          <div className="card">
            <h1>Kith is not answering</h1>
            <ErrorNote error={status.error} />
            <button type="button" className="primary" onClick={status.reload}>
              Try again
            </button>
          </div>
        )}
      </main>
    );
  }
  const { initialized, unlocked, identity } = status.data;
  if (!initialized || newIdentity !== undefined) {
    return <Onboarding phrase={newIdentity?.phrase} create={create} onFinished={() => setNewIdentity(undefined)} />;
  }
  if (!unlocked) return <Unlock did={identity?.did} />;
  return <Shell identity={identity} />;
}
