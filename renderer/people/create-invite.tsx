// Invite someone: choose how many people may use the code and for how long, then get a
// signed code and its kith: link to send them any way you like.
import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../src/api/contract.ts';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { CopyButton } from './copy-button.tsx';

const DURATIONS = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '1 week' },
  { hours: 24 * 30, label: '30 days' },
];

export function CreateInvite({ onClose }: { onClose: () => void }) {
  const { client } = useKith();
  const [uses, setUses] = useState(1);
  const [hours, setHours] = useState(24);
  const [shareName, setShareName] = useState(true);
  const [invite, setInvite] = useState<MethodOutput<'invites.create'>>();
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      setInvite(await client.call('invites.create', { uses, hours, shareName }));
    });
  }

  return (
    <Modal title="Invite someone" onClose={onClose}>
      {invite === undefined ? (
        <form onSubmit={(e) => void submit(e)}>
          <p>You get a code signed by your key. Whoever accepts it becomes your contact, and you theirs. Send it over a channel you trust.</p>
          <div className="field">
            <label htmlFor="invite-uses">How many people may use it</label>
            <select id="invite-uses" className="control" value={uses} onChange={(e) => setUses(Number(e.target.value))} autoFocus>
              {[1, 2, 5, 10, 50].map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? 'One person' : `Up to ${n} people`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="invite-hours">Valid for</label>
            <select id="invite-hours" className="control" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {DURATIONS.map((d) => (
                <option key={d.hours} value={d.hours}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={shareName} onChange={(e) => setShareName(e.target.checked)} /> Tell them my name (from My data), so they see it instead
              of a code
            </label>
          </div>
          <FormActions submission={submission} submitLabel="Create invite" busyLabel="Creating…" onCancel={onClose} />
        </form>
      ) : (
        <div>
          <p>
            Send this to the person you invite. It works {invite.uses === 1 ? 'once' : `for ${invite.uses} people`} until {formatTime(invite.expires)}.
          </p>
          <div className="field">
            <label htmlFor="invite-code">Invite code</label>
            <textarea id="invite-code" className="control invite-code" readOnly rows={4} value={invite.code} onFocus={(e) => e.target.select()} />
            <div className="actions left">
              <CopyButton text={invite.code} label="Copy code" />
            </div>
          </div>
          <div className="field">
            <label htmlFor="invite-link">Link</label>
            <input id="invite-link" className="control mono" readOnly value={invite.link} onFocus={(e) => e.target.select()} />
            <div className="actions left">
              <CopyButton text={invite.link} label="Copy link" />
            </div>
          </div>
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
