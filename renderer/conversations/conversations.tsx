// Conversations: everyone I write with, newest first with their unread counts, and one
// conversation's thread (thread.tsx). A contact's page, a vendor's panel or a notification
// opens a conversation directly (open-conversation.ts). Live on `conversations.changed`.
import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import { focusScreenHeading, useNavigate } from '../shell/navigation.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { ConversationList } from './conversation-list.tsx';
import { newestFirst } from './conversation-words.ts';
import { NotifyOffer } from './notify-offer.tsx';
import { forgetWanted, peekWanted, WANTED_EVENT, type Wanted } from './open-conversation.ts';
import { Thread } from './thread.tsx';

export function Conversations() {
  const [open, setOpen] = useState<Wanted | undefined>(peekWanted);
  useEffect(() => {
    forgetWanted();
    // Asked for while this screen is showing (a notification clicked): open it here.
    const follow = () => {
      const wanted = peekWanted();
      forgetWanted();
      if (wanted !== undefined) setOpen(wanted);
    };
    window.addEventListener(WANTED_EVENT, follow);
    return () => window.removeEventListener(WANTED_EVENT, follow);
  }, []);
  const show = (next: Wanted | undefined) => {
    setOpen(next);
    focusScreenHeading();
  };
  if (open !== undefined) return <Thread key={open.peer} peer={open.peer} agreementId={open.agreementId} backLabel="All conversations" onBack={() => show(undefined)} />;
  return <ConversationsList onOpen={(peer) => show({ peer })} />;
}

function ConversationsList({ onOpen }: { onOpen: (peer: string) => void }) {
  const { client } = useKith();
  const navigate = useNavigate();
  const list = useQuery(() => client.call('conversations.list', {}), [], (event) => event.name === 'conversations.changed' || event.name === 'contacts.changed');
  const people = useRef<HTMLButtonElement>(null);
  usePrimaryFocus(people, list.data !== undefined);
  const conversations = newestFirst(list.data ?? []);

  return (
    <Screen
      title="Conversations"
      intro="Write to your contacts, people and vendors alike, node to node: no platform in between. Every message is signed, kept by both of you, and you see when it is delivered and read."
    >
      <NotifyOffer />
      <ErrorNote error={list.error} />
      {list.data === undefined ? (
        list.error === undefined ? (
          <p className="loading">Loading your conversations…</p>
        ) : null
      ) : conversations.length === 0 ? (
        <EmptyState title="No conversations yet">
          <p>Start one from a contact under People &amp; circles, or from a vendor under Vendors &amp; agreements: choose Message.</p>
          <div className="actions left">
            <button type="button" ref={people} onClick={() => navigate('people')}>
              Go to People &amp; circles
            </button>
          </div>
        </EmptyState>
      ) : (
        <ConversationList conversations={conversations} label="Your conversations, newest first" onOpen={(conversation) => onOpen(conversation.peer)} />
      )}
    </Screen>
  );
}
