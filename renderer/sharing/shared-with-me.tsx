// Shared with me: what contacts let me hold, grouped by who shared it, always the latest
// version they sent; revoked items say so. Updates live when they change or revoke.
import type { SharedView } from '../../src/api/methods/sharing.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { KeyText } from '../components/key-text.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { SharedItem } from './shared-item.tsx';

export function SharedWithMe() {
  const { client } = useKith();
  const shared = useQuery(
    () => client.call('shared.list', {}),
    [],
    (event) => event.name === 'shared.changed' || event.name === 'contacts.changed',
  );
  const list = shared.data ?? [];
  const bySender = new Map<string, SharedView[]>();
  for (const item of list) bySender.set(item.from.peerId, [...(bySender.get(item.from.peerId) ?? []), item]);

  return (
    <Screen
      title="Shared with me"
      intro="What your contacts chose to share with you, for the purpose and under the terms they set. They keep it current; when they revoke, delete what you copied."
    >
      <ErrorNote error={shared.error} />
      {shared.data !== undefined && list.length === 0 ? (
        <EmptyState title="Nothing shared with you yet">
          <p>When a contact shares something with you, it appears here. To become someone&apos;s contact, accept their invite under People &amp; circles.</p>
        </EmptyState>
      ) : (
        [...bySender.values()].map((items) => {
          const from = items[0]!.from;
          return (
            <section key={from.peerId} className="panel" aria-labelledby={`from-${from.peerId}`}>
              <h2 id={`from-${from.peerId}`}>
                From {from.petname}
              </h2>
              <p className="record-meta">
                <KeyText value={from.did} label="DID" />
              </p>
              <ul className="records">
                {items.map((item) => (
                  <SharedItem key={`${item.grant.id}-${item.record.id}`} item={item} />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </Screen>
  );
}
