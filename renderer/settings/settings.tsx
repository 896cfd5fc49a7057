// Settings: who you are, the friends who can help you recover (and whose recovery you can
// help with), the terms sharing starts from, read receipts, backup and import, how Kith
// unlocks, what closing the window does (desktop app), and locking.
import { KeyText } from '../components/key-text.tsx';
import { useState } from 'react';
import type { IdentityView } from '../../src/api/contract.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { useKith } from '../state/kith-context.tsx';
import { Backup } from './backup.tsx';
import { CloseToTray } from './close-to-tray.tsx';
import { DefaultTerms } from './default-terms.tsx';
import { ApproveRecovery } from './approve-recovery.tsx';
import { ReadReceipts } from './read-receipts.tsx';
import { RecoverySettings } from './recovery.tsx';
import { UnlockMethod } from './unlock-method.tsx';

export function Settings({ identity }: { identity: IdentityView | undefined }) {
  const { client } = useKith();
  const [error, setError] = useState<unknown>();
  return (
    <Screen title="Settings">
      <section className="panel" aria-labelledby="identity-title">
        <h2 id="identity-title">Your identity</h2>
        {identity === undefined ? null : (
          <dl className="facts">
            <dt>DID</dt>
            <dd>
              <KeyText value={identity.did} label="DID" />
            </dd>
            <dt>Peer ID</dt>
            <dd>
              <KeyText value={identity.peerId} label="PeerId" />
            </dd>
          </dl>
        )}
        <p>Both come from the one key that signs your data. Your recovery phrase brings it back on another computer, and so can your recovery friends (below).</p>
      </section>
      <RecoverySettings />
      <ApproveRecovery />
      <DefaultTerms />
      <ReadReceipts />
      <Backup />
      <UnlockMethod />
      <CloseToTray />
      <section className="panel" aria-labelledby="lock-title">
        <h2 id="lock-title">Lock</h2>
        <p>Locking forgets the unlocked key until you type your passphrase again. Your data stays as it is.</p>
        <div className="actions left">
          <button type="button" onClick={() => void client.call('identity.lock', {}).catch(setError)}>
            Lock Kith
          </button>
        </div>
        <ErrorNote error={error} />
      </section>
    </Screen>
  );
}
