// Who is in a circle: a checkbox per contact; each change is saved at once (shown at once,
// and put back if the node refuses it).
import { useState } from 'react';
import type { CircleView, ContactView } from '../../src/api/methods/people.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Modal } from '../components/modal.tsx';
import { useKith } from '../state/kith-context.tsx';

export interface CircleMembersProps {
  readonly circle: CircleView;
  readonly contacts: readonly ContactView[];
  readonly onClose: () => void;
  readonly onSaved: () => void;
}

export function CircleMembers({ circle, contacts, onClose, onSaved }: CircleMembersProps) {
  const { client } = useKith();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [members, setMembers] = useState<ReadonlySet<string>>(() => new Set(circle.members.map((member) => member.peerId)));
  const mark = (peerId: string, inCircle: boolean) =>
    setMembers((all) => {
      const next = new Set(all);
      if (inCircle) next.add(peerId);
      else next.delete(peerId);
      return next;
    });

  async function toggle(contact: ContactView, inCircle: boolean) {
    setError(undefined);
    setBusy(contact.peerId);
    mark(contact.peerId, inCircle);
    try {
      await client.call(inCircle ? 'circles.add' : 'circles.remove', {
        circle: circle.id,
        contact: contact.peerId,
      });
      onSaved();
    } catch (caught) {
      mark(contact.peerId, !inCircle);
      setError(caught);
    }
    setBusy(undefined);
  }

  return (
    <Modal title={`Who is in ${circle.name}`} onClose={onClose}>
      {contacts.length === 0 ? (
        <EmptyState title="No contacts to add">
          <p>Invite someone first; once they accept, they can join this circle.</p>
        </EmptyState>
      ) : (
        <fieldset className="checks">
          <legend>Tick the contacts who belong in this circle. Changes are saved at once.</legend>
          {contacts.map((contact) => (
            <label key={contact.peerId} className="check">
              <input
                type="checkbox"
                checked={members.has(contact.peerId)}
                disabled={busy === contact.peerId}
                onChange={(event) => void toggle(contact, event.target.checked)}
              />
              {contact.petname}
              {contact.blocked ? <span className="tag">blocked</span> : null}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
