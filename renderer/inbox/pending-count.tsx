// The number of requests waiting for an answer, beside Inbox in the navigation, so a
// request is noticed from any screen. Says nothing when there are none (or it cannot tell).
import { NavCount } from '../components/nav-count.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';

export function PendingCount() {
  const { client } = useKith();
  const inbox = useQuery(
    () => client.call('inbox.list', {}),
    [],
    (event) => event.name === 'inbox.changed',
  );
  const waiting = (inbox.data ?? []).filter((request) => request.status === 'pending').length;
  return <NavCount count={waiting} label="waiting" />;
}
