// One contact: their name, what kind of contact, their circles, and whether blocked; and
// Message, which opens the conversation with them.
import type { ContactView } from '../../src/api/methods/people.ts';
import { KeyText } from '../components/key-text.tsx';
import { formatTime } from '../lib/format.ts';

export type ContactAction = 'rename' | 'block' | 'unblock';

export function ContactItem({ contact, onAction, onMessage }: { contact: ContactView; onAction: (action: ContactAction) => void; onMessage: () => void }) {
  const name = contact.petname;
  return (
    <li className="record contact">
      <div className="record-text">
        <p className="record-summary">
          {name}
          {contact.kind === 'vendor' ? <span className="badge">vendor</span> : null}
          {contact.blocked ? <span className="tag">blocked</span> : null}
        </p>
        <p className="record-meta">
          <KeyText value={contact.did} label="DID" /> · added {formatTime(contact.added)}
        </p>
        <p className="record-meta">{contact.circles.length === 0 ? 'In no circle' : `Circles: ${contact.circles.join(', ')}`}</p>
      </div>
      <div className="record-actions">
        {contact.blocked ? null : (
          <button type="button" onClick={onMessage} aria-label={`Message ${name}`}>
            Message
          </button>
        )}
        <button type="button" onClick={() => onAction('rename')} aria-label={`Rename ${name}`}>
          Rename
        </button>
        {contact.blocked ? (
          <button type="button" onClick={() => onAction('unblock')} aria-label={`Unblock ${name}`}>
            Unblock
          </button>
        ) : (
          <button type="button" className="danger-quiet" onClick={() => onAction('block')} aria-label={`Block ${name}`}>
            Block
          </button>
        )}
      </div>
    </li>
  );
}
