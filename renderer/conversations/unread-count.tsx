// The number of unread messages, beside Conversations in the navigation, so a new message
// is noticed from any screen. Says nothing when there are none (or it cannot tell).
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { unreadTotal } from './conversation-words.ts';

export function UnreadCount() {
  const { client } = useKith();
  const list = useQuery(
    () => client.call('conversations.list', {}),
    [],
    (event) => event.name === 'conversations.changed' || event.name === 'contacts.changed',
  );
  const unread = unreadTotal(list.data);
  if (unread === 0) return null;
  // The space keeps the button's accessible name "Conversations 2 unread".
  return (
    <>
      {' '}
      <span className="nav-count">
        {unread}
        <span className="visually-hidden"> unread</span>
      </span>
    </>
  );
}
