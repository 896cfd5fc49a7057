// The number of unread messages, beside Conversations in the navigation, so a new message
// is noticed from any screen. Says nothing when there are none (or it cannot tell).
import { NavCount } from '../components/nav-count.tsx';
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
  return <NavCount count={unreadTotal(list.data)} label="unread" />;
}
