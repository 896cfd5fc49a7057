// Customer messages (vendor console): every customer's conversation with this business in
// one inbox, newest first with unread counts, found by the customer's name or DID or the
// newest message's words. Nobody is assigned a conversation: whoever runs the node answers.
// One opens into its thread (conversations/thread.tsx), as on the Conversations screen.
import { useState } from 'react';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { ConversationList } from '../conversations/conversation-list.tsx';
import { filterConversations, newestFirst, unreadTotal } from '../conversations/conversation-words.ts';
import { Thread } from '../conversations/thread.tsx';
import { count } from '../lib/format.ts';
import { focusScreenHeading } from '../shell/navigation.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';

export function CustomerMessages() {
  const [open, setOpen] = useState<string>();
  // The search is kept while a thread is open, so going back finds the same list.
  const [search, setSearch] = useState('');
  const show = (peer: string | undefined) => {
    setOpen(peer);
    focusScreenHeading();
  };
  if (open !== undefined) return <Thread key={open} peer={open} backLabel="All customer messages" onBack={() => show(undefined)} />;
  return <CustomerInbox search={search} onSearch={setSearch} onOpen={show} />;
}

function CustomerInbox({ search, onSearch, onOpen }: { search: string; onSearch: (value: string) => void; onOpen: (peer: string) => void }) {
  const { client } = useKith();
  const list = useQuery(() => client.call('conversations.list', {}), [], (event) => event.name === 'conversations.changed' || event.name === 'contacts.changed');
  // A vendor node's customers are its person contacts; another business it writes to is not one.
  const customers = newestFirst((list.data ?? []).filter((conversation) => conversation.kind === 'person'));
  const found = filterConversations(customers, search);
  const searching = search.trim() !== '';
  const unread = unreadTotal(customers);

  return (
    <Screen
      title="Customer messages"
      intro="What your customers wrote to your business, straight from their nodes. Answer here: the conversation is covered by the agreement it is tied to, and both sides keep it."
    >
      {list.data !== undefined && customers.length === 0 ? null : (
        <div className="console-search field" role="search">
          <label htmlFor="message-search">Search messages</label>
          <p className="field-hint" id="message-search-hint">
            By the customer&apos;s name or DID, or the words of their newest message.
          </p>
          <input id="message-search" className="control" type="search" autoComplete="off" aria-describedby="message-search-hint" value={search} onChange={(e) => onSearch(e.target.value)} />
        </div>
      )}
      <p className="status" role="status">
        {list.data === undefined || customers.length === 0
          ? ''
          : searching
            ? `${count(found.length, 'conversation')} found for “${search.trim()}”`
            : `${count(customers.length, 'conversation')}${unread === 0 ? '' : `, ${unread} unread`}`}
      </p>
      <ErrorNote error={list.error} />
      {list.data === undefined ? (
        list.error === undefined ? (
          <p className="loading">Loading customer messages…</p>
        ) : null
      ) : customers.length === 0 ? (
        <EmptyState title="No customer messages yet">
          <p>When a customer writes to your business from their Kith, the conversation appears here, and you answer it here.</p>
        </EmptyState>
      ) : found.length === 0 ? (
        <EmptyState title={`No conversation matches “${search.trim()}”`}>
          <p>Search by a part of the customer&apos;s name, their DID or their newest message, or clear the search to see everyone.</p>
        </EmptyState>
      ) : (
        <ConversationList conversations={found} label="Customer conversations, newest first" onOpen={(conversation) => onOpen(conversation.peer)} />
      )}
    </Screen>
  );
}
