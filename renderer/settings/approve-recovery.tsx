// Settings → Help a friend recover: whose recovery shares this node holds, and approving a
// recovery with one — the friend pastes the code the person's new device shows (as
// `kith recovery approve CODE [--for NAME]`). The code is not signed and names only a
// device, so before anything is sent a confirmation names whose key the share is of and
// asks the friend to be sure the code came from that person.
import { useState, type FormEvent } from 'react';
import type { HeldShareView } from '../../src/api/methods/recovery.ts';
import { Confirm } from '../components/confirm.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { CODE_PREFIX, codeProblem } from './recovery-rules.ts';

function ApproveForm({ held }: { held: readonly HeldShareView[] }) {
  const { client } = useKith();
  const [code, setCode] = useState('');
  const [owner, setOwner] = useState(held[0]?.owner.peerId ?? '');
  const [problem, setProblem] = useState<string>();
  const [asking, setAsking] = useState<HeldShareView>();
  const [status, setStatus] = useState('');
  // The select's value can outlive a share that was dropped meanwhile.
  const share = held.find((h) => h.owner.peerId === owner) ?? held[0];

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const found = codeProblem(code);
    setProblem(found);
    if (found !== undefined) return document.getElementById('recovery-code')?.focus();
    if (share !== undefined) setAsking(share);
  }

  async function approve(of: HeldShareView) {
    const result = await client.call('recovery.approve', { code: code.trim(), for: of.owner.peerId });
    setCode('');
    setStatus(
      result.status === 'recovered'
        ? `Approved: ${result.owner.petname} has their identity back.`
        : `Approved: ${result.owner.petname}'s new device has ${result.approvals ?? '?'} of the ${result.threshold ?? '?'} approvals it needs.`,
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Approve a recovery">
      {held.length > 1 ? (
        <div className="field">
          <label htmlFor="recovery-owner">Whose recovery</label>
          <select id="recovery-owner" className="control" value={share?.owner.peerId ?? ''} onChange={(e) => setOwner(e.target.value)}>
            {held.map((h) => (
              <option key={h.owner.peerId} value={h.owner.peerId}>
                {h.owner.petname}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Field
        id="recovery-code"
        label="Recovery code"
        hint={`The code ${share?.owner.petname ?? 'your friend'}'s new device shows (it starts with ${CODE_PREFIX}), given to you by them.`}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={code}
        onValue={(value) => {
          setCode(value);
          setProblem(undefined);
        }}
        error={problem}
      />
      <div className="actions left">
        <button type="submit" className="primary">
          Approve…
        </button>
      </div>
      <p className="status" role="status">
        {status}
      </p>
      {asking === undefined ? null : (
        <Confirm
          title={`Approve ${asking.owner.petname}'s recovery?`}
          confirmLabel={`Approve ${asking.owner.petname}'s recovery`}
          onConfirm={() => approve(asking)}
          onClose={() => setAsking(undefined)}
        >
          <p>
            This sends your share of <strong>{asking.owner.petname}</strong>&apos;s key to the device that shows this code. With {asking.threshold} of{' '}
            {asking.friends} friends&apos; shares, that device becomes {asking.owner.petname}.
          </p>
          <p>
            Approve only if {asking.owner.petname} gave you this code themselves — face to face, on the phone, or another way you trust — and you are
            sure it is them. A code from anyone else would hand them your share.
          </p>
        </Confirm>
      )}
    </form>
  );
}

export function ApproveRecovery() {
  const { client } = useKith();
  const held = useQuery(() => client.call('recovery.held', {}), [], (event) => event.name === 'recovery.changed' || event.name === 'contacts.changed');
  const list = held.data ?? [];
  return (
    <section className="panel" aria-labelledby="help-recover-title">
      <h2 id="help-recover-title">Help a friend recover</h2>
      <ErrorNote error={held.error} />
      {held.data === undefined ? (
        held.error === undefined ? (
          <p className="loading">Loading the shares you hold…</p>
        ) : null
      ) : list.length === 0 ? (
        <p>Nobody has chosen you as a recovery friend yet. When someone does, their share is kept here, sealed, until they need it.</p>
      ) : (
        <>
          <p>You hold recovery shares for:</p>
          <ul className="recovery-friends" aria-label="Shares you hold">
            {list.map((h) => (
              <li key={h.owner.peerId}>
                <strong>{h.owner.petname}</strong>{' '}
                <span className="note">
                  since {formatTime(h.since)} ({h.threshold} of {h.friends} friends needed)
                </span>
              </li>
            ))}
          </ul>
          <p>If one of them lost their device, they start a recovery on the new one and give you the code it shows. Paste it here.</p>
          <ApproveForm held={list} />
        </>
      )}
    </section>
  );
}
