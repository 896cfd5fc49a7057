// Recover with friends, on a new computer (an empty Kith): a passphrase for this computer,
// then `recovery.start` — a session that waits for friends' approvals — with the code to
// give them and the approvals so far. When enough are in, the node writes the rebuilt key
// under the passphrase and unlocks it, and `identity.changed` takes the app past
// onboarding by itself. The session lives in the running node only: a reload shows it again
// (Onboarding asks), a node that stops ends it.
import { useState, type FormEvent } from 'react';
import type { RecoverySessionView } from '../../src/api/methods/recovery.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { formatTime } from '../lib/format.ts';
import { CopyButton } from '../people/copy-button.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useNewPassphrase } from './new-passphrase.tsx';

function StartForm({ onStarted, onBack }: { onStarted: (session: RecoverySessionView) => void; onBack: () => void }) {
  const { client } = useKith();
  const passphrase = useNewPassphrase('recover-passphrase', 'New passphrase for this computer');
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = passphrase.checked();
    if (chosen !== undefined) await submission.run(async () => onStarted(await client.call('recovery.start', { passphrase: chosen })));
  }

  return (
    <form className="card onboarding" onSubmit={(e) => void submit(e)} noValidate>
      <h1>Recover with friends</h1>
      <p>
        If you chose recovery friends in Kith before, enough of them together can bring your identity back to this computer. First choose a
        passphrase for it; then give your friends the code Kith shows.
      </p>
      {passphrase.fields}
      <FormActions submission={submission} submitLabel="Start the recovery" busyLabel="Starting…" onCancel={onBack} cancelLabel="Back" />
    </form>
  );
}

function progressLine(session: RecoverySessionView): string {
  const count = session.approvals.length;
  if (session.threshold === undefined) return `${count} approvals so far; the first one tells how many are needed.`;
  return `${count} of ${session.threshold} approvals`;
}

function Waiting({ session, onCancelled }: { session: RecoverySessionView; onCancelled: () => void }) {
  const { client } = useKith();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const code = session.code ?? '';

  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      await client.call('recovery.cancel', {});
      onCancelled();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <div className="card onboarding wide">
      <h1>Recover with friends</h1>
      {session.state === 'failed' ? (
        <>
          <p>The recovery did not finish: {session.problem ?? 'the node could not store the key'}.</p>
          <ErrorNote error={error} />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void cancel()}>
              Start again
            </button>
          </div>
        </>
      ) : session.state === 'recovered' ? (
        <p role="status">You are back. Opening Kith…</p>
      ) : (
        <>
          <p>
            Give each of your recovery friends this code: read it to them, or send it a way you trust. They paste it in Kith under Settings → Help a
            friend recover (or run <code>kith recovery approve CODE</code>), after checking that it is really you.
          </p>
          <div className="field">
            <label htmlFor="recovery-session-code">Code for your friends</label>
            <textarea id="recovery-session-code" className="control invite-code" readOnly rows={4} value={code} onFocus={(e) => e.target.select()} />
            <div className="actions left">
              <CopyButton text={code} label="Copy code" />
            </div>
          </div>
          <h2>Approvals</h2>
          <p className="recovery-progress" role="status">
            {progressLine(session)}
          </p>
          {session.threshold === undefined ? null : (
            <progress className="recovery-meter" max={session.threshold} value={session.approvals.length} aria-label="Approvals so far" />
          )}
          {session.approvals.length === 0 ? null : (
            <ul className="recovery-friends" aria-label="Friends who approved">
              {session.approvals.map((a) => (
                <li key={a.peerId}>
                  <strong>{a.name ?? 'A friend'}</strong> <span className="note">approved at {formatTime(a.received)}</span>
                </li>
              ))}
            </ul>
          )}
          {session.refused === 0 ? null : (
            <p className="note">
              {session.refused === 1 ? 'One approval was' : `${session.refused} approvals were`} refused (not from one of your recovery friends, or sent
              twice).
            </p>
          )}
          <p className="note">Keep this window and Kith running until it is done: the session lives only in the running node.</p>
          <ErrorNote error={error} />
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void cancel()}>
              {busy ? 'Ending…' : 'Cancel the recovery'}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** `session` is the node's current one (kept live by Onboarding), if any is under way. */
export function RecoverWithFriends({ session, onBack, onChanged }: { session: RecoverySessionView | undefined; onBack: () => void; onChanged: () => void }) {
  const [started, setStarted] = useState<RecoverySessionView>();
  const current = session !== undefined && session.state !== 'none' ? session : started;
  if (current === undefined || current.state === 'none') {
    return (
      <StartForm
        onStarted={(next) => {
          setStarted(next);
          onChanged();
        }}
        onBack={onBack}
      />
    );
  }
  return (
    <Waiting
      session={current}
      onCancelled={() => {
        setStarted(undefined);
        onChanged();
        onBack();
      }}
    />
  );
}
