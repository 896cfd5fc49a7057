// People & circles: the contacts made by invites (rename, block, unblock), the invite to
// give someone and the one to accept, and the circles they are grouped into. Updates live
// when contacts or circles change anywhere (this window, the CLI, an accepted invite).
import { useRef, useState } from 'react';
import type { ContactView } from '../../src/api/methods/people.ts';
import { Confirm } from '../components/confirm.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import { useOpenConversation } from '../conversations/open-conversation.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { AcceptInvite } from './accept-invite.tsx';
import { Circles } from './circles.tsx';
import { ContactItem, type ContactAction } from './contact-item.tsx';
import { CreateInvite } from './create-invite.tsx';
import { RenameContact } from './rename-contact.tsx';

type Open = { what: 'invite' } | { what: 'accept' } | { what: ContactAction; contact: ContactView } | undefined;

export function People() {
  const { client } = useKith();
  const contacts = useQuery(
    () => client.call('contacts.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const [open, setOpen] = useState<Open>();
  const openConversation = useOpenConversation();
  const inviteButton = useRef<HTMLButtonElement>(null);
  usePrimaryFocus(inviteButton);
  const list = contacts.data ?? [];
  const close = () => setOpen(undefined);

  return (
    <Screen
      title="People & circles"
      intro="People become your contacts by a signed invite: you give them a code, they accept it, and your two nodes know each other. Names here are yours alone; nobody else sees them."
      actions={
        <div className="actions left">
          <button type="button" className="primary" ref={inviteButton} onClick={() => setOpen({ what: 'invite' })}>
            Invite someone
          </button>
          <button type="button" onClick={() => setOpen({ what: 'accept' })}>
            Accept an invite
          </button>
        </div>
      }
    >
      <ErrorNote error={contacts.error} />
      <section className="panel" aria-labelledby="contacts-title">
        <h2 id="contacts-title">Contacts</h2>
        {contacts.data !== undefined && list.length === 0 ? (
          <EmptyState title="No contacts yet">
            <p>Choose Invite someone and send them the code, or paste a code someone sent you under Accept an invite.</p>
          </EmptyState>
        ) : (
          <ul className="records">
            {list.map((contact) => (
              <ContactItem key={contact.peerId} contact={contact} onAction={(what) => setOpen({ what, contact })} onMessage={() => openConversation(contact.did)} />
            ))}
          </ul>
        )}
      </section>
      <Circles contacts={list} onChanged={contacts.reload} />
      {open?.what === 'invite' ? <CreateInvite onClose={close} /> : null}
      {open?.what === 'accept' ? <AcceptInvite onClose={close} /> : null}
      {open?.what === 'rename' ? <RenameContact contact={open.contact} onClose={close} /> : null}
      {open?.what === 'block' ? (
        <Confirm
          title={`Block ${open.contact.petname}?`}
          confirmLabel="Block"
          onClose={close}
          onConfirm={() => client.call('contacts.block', { peer: open.contact.peerId }).then(() => undefined)}
        >
          <p>
            <strong>{open.contact.petname}</strong> will no longer be able to connect to your node or use anything on it, and gets no further updates of what
            you shared. You can unblock them later.
          </p>
        </Confirm>
      ) : null}
      {open?.what === 'unblock' ? (
        <Confirm
          title={`Unblock ${open.contact.petname}?`}
          confirmLabel="Unblock"
          onClose={close}
          onConfirm={() => client.call('contacts.unblock', { peer: open.contact.peerId }).then(() => undefined)}
        >
          <p>
            <strong>{open.contact.petname}</strong> will be able to connect to your node again.
          </p>
        </Confirm>
      ) : null}
    </Screen>
  );
}
