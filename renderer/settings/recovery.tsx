// Settings → Recovery with friends: the current setup (the friends, how many of them it
// takes, which confirmed holding their share) and the form that makes or replaces it —
// person contacts to choose from and the threshold, checked as the CLI and the node check
// them. Live: a friend's receipt, a rename or a setup from the CLI re-asks
// (`recovery.changed`, `contacts.changed`). Helping a friend recover is approve-recovery.tsx.
import { useState, type FormEvent } from 'react';
import type { ContactView } from '../../src/api/methods/people.ts';
import type { RecoveryStatusView } from '../../src/api/methods/recovery.ts';
import { Checklist } from '../components/checklist.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { MAX_FRIENDS, setupProblems, setupSentence, type SetupProblems } from './recovery-rules.ts';

type Setup = NonNullable<RecoveryStatusView['setup']>;

function CurrentSetup({ setup }: { setup: Setup }) {
  const held = setup.friends.filter((f) => f.holds).length;
  return (
    <>
      <p>
        {setupSentence(setup.threshold, setup.friends.length)} Set up {formatTime(setup.created)}; {held} of {setup.friends.length} confirmed holding their share.
      </p>
      <ul className="recovery-friends" aria-label="Your recovery friends">
        {setup.friends.map((friend) => (
          <li key={friend.peerId} className="recovery-friend">
            <strong>{friend.petname}</strong>{' '}
            <span className="note">
              {friend.holds
                ? `holds their share (confirmed ${friend.confirmed === undefined ? '' : formatTime(friend.confirmed)})`
                : 'not confirmed yet: the share is sent when their node is online'}
            </span>
          </li>
        ))}
      </ul>
      {setup.dropping.length === 0 ? null : (
        <p className="note">Still to be told to delete the share of an earlier setup (offline): {setup.dropping.map((f) => f.petname).join(', ')}.</p>
      )}
    </>
  );
}

function SetupForm({ setup, contacts, onDone, onCancel }: { setup: Setup | undefined; contacts: readonly ContactView[]; onDone: (status: string) => void; onCancel: () => void }) {
  const { client } = useKith();
  const available = contacts.filter((c) => c.kind === 'person' && !c.blocked);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(setup?.friends.map((f) => f.peerId).filter((id) => available.some((c) => c.peerId === id)) ?? []));
  const [threshold, setThreshold] = useState(setup === undefined ? '2' : String(setup.threshold));
  const [problems, setProblems] = useState<SetupProblems>({});
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = setupProblems(chosen.size, threshold);
    setProblems(found);
    if (found.friends !== undefined) return document.getElementById('recovery-friends')?.focus();
    if (found.threshold !== undefined) return document.getElementById('recovery-threshold')?.focus();
    await submission.run(async () => {
      // PeerIds, not names: a name may be shared by two contacts, a PeerId never.
      const status = await client.call('recovery.setup', { friends: [...chosen], threshold: Number(threshold.trim()) });
      const friends = status.setup?.friends.length ?? chosen.size;
      onDone(`Set up: any ${status.setup?.threshold ?? threshold} of your ${friends} friends can help you recover. Each gets their share when their node is online.`);
    });
  }

  if (available.length < 2) {
    return (
      <div>
        <p>
          Recovery friends are people among your contacts. You have {available.length === 0 ? 'none yet' : 'only one'}: invite at least{' '}
          {available.length === 0 ? 'two people' : 'one more person'} under People &amp; circles first.
        </p>
        <div className="actions left">
          <button type="button" onClick={onCancel}>
            Back
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Choose recovery friends">
      <Checklist
        id="recovery-friends"
        legend="Friends who each hold a share"
        hint={`People you trust and can reach another way than Kith, between 2 and ${MAX_FRIENDS}.`}
        items={available.map((c) => ({ key: c.peerId, label: c.petname }))}
        isChecked={(key) => chosen.has(key)}
        onToggle={(key, checked) => {
          setChosen((all) => {
            const next = new Set(all);
            if (checked) next.add(key);
            else next.delete(key);
            return next;
          });
          setProblems((all) => ({ ...all, friends: undefined }));
        }}
        error={problems.friends}
      />
      <Field
        id="recovery-threshold"
        label="How many of them it takes"
        hint={`At least 2; fewer than that learn nothing about your key.${chosen.size >= 2 ? ` You chose ${chosen.size}.` : ''}`}
        inputMode="numeric"
        autoComplete="off"
        required
        value={threshold}
        onValue={(value) => {
          setThreshold(value);
          setProblems((all) => ({ ...all, threshold: undefined }));
        }}
        error={problems.threshold}
      />
      {setup === undefined ? null : <p className="note">A new setup replaces every share; friends you no longer choose are told to delete theirs.</p>}
      <ErrorNote error={submission.error} />
      <div className="actions left">
        <button type="submit" className="primary" disabled={submission.busy}>
          {submission.busy ? 'Sending the shares…' : setup === undefined ? 'Set up recovery' : 'Replace the setup'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RecoverySettings() {
  const { client } = useKith();
  const status = useQuery(() => client.call('recovery.status', {}), [], (event) => event.name === 'recovery.changed' || event.name === 'contacts.changed');
  const contacts = useQuery(() => client.call('contacts.list', {}), [], (event) => event.name === 'contacts.changed');
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState('');
  const setup = status.data?.setup;

  return (
    <section className="panel" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery with friends</h2>
      <p>
        Besides your recovery phrase, friends can bring your key back: each holds a share of it, sealed to them, and any few of them together can
        rebuild it on your new computer. Fewer than that learn nothing at all.
      </p>
      <ErrorNote error={status.error ?? contacts.error} />
      {status.data === undefined ? (
        status.error === undefined ? (
          <p className="loading">Loading your recovery setup…</p>
        ) : null
      ) : setup === undefined ? (
        <p>You have no recovery friends yet.</p>
      ) : (
        <CurrentSetup setup={setup} />
      )}
      {!editing ? (
        status.data === undefined ? null : (
          <div className="actions left">
            <button
              type="button"
              className={setup === undefined ? 'primary' : undefined}
              onClick={() => {
                setDone('');
                setEditing(true);
              }}
            >
              {setup === undefined ? 'Choose recovery friends' : 'Change friends or threshold'}
            </button>
          </div>
        )
      ) : contacts.data === undefined ? (
        <p className="loading">Loading your contacts…</p>
      ) : (
        <SetupForm
          setup={setup}
          contacts={contacts.data}
          onCancel={() => setEditing(false)}
          onDone={(message) => {
            setEditing(false);
            setDone(message);
          }}
        />
      )}
      <p className="status" role="status">
        {done}
      </p>
    </section>
  );
}
