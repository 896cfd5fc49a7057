// Shared by me: every grant, who holds the data, whether each holder is up to date, signed
// the consent receipt and (after a revocation) confirmed deletion. Revoke with confirmation.
// Updates live as deliveries and receipts arrive.
import { useState } from 'react';
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { Confirm } from '../components/confirm.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { GrantItem } from './grant-item.tsx';
import { recordSummary } from './record-summary.ts';

export function SharedByMe() {
  const { client } = useKith();
  const grants = useQuery(
    () => client.call('grants.list', {}),
    [],
    (event) => event.name === 'grants.changed' || event.name === 'contacts.changed',
  );
  const records = useQuery(
    () => client.call('data.list', {}),
    [],
    (event) => event.name === 'records.changed',
  );
  const [revoking, setRevoking] = useState<GrantView>();
  const list = [...(grants.data ?? [])].sort((a, b) => Number(b.live) - Number(a.live) || b.created.localeCompare(a.created));
  const describe = (id: string) => {
    const record = records.data?.find((candidate) => candidate.id === id);
    return record === undefined ? 'a record you since deleted' : recordSummary(record.type, record.data);
  };

  return (
    <Screen
      title="Shared by me"
      intro="What you let others hold, for which purpose, under which terms. Holders get every new version until you revoke; then they are told to delete it."
    >
      <ErrorNote error={grants.error ?? records.error} />
      {grants.data !== undefined && list.length === 0 ? (
        <EmptyState title="You have not shared anything yet">
          <p>Go to My data and choose Share… next to a record. You need a contact first: add one under People &amp; circles.</p>
        </EmptyState>
      ) : (
        <ul className="grants">
          {list.map((grant) => (
            <GrantItem key={grant.id} grant={grant} describe={describe} onRevoke={() => setRevoking(grant)} />
          ))}
        </ul>
      )}
      {revoking === undefined ? null : (
        <Confirm
          title={`Stop sharing with ${revoking.to.name}?`}
          confirmLabel="Revoke"
          onClose={() => setRevoking(undefined)}
          onConfirm={() => client.call('grants.revoke', { grant: revoking.id }).then(() => undefined)}
        >
          <p>
            <strong>{revoking.to.name}</strong> stops getting updates of {revoking.records.map((record) => describe(record.id)).join(', ')} and is told to
            delete what they hold. You will see here when they confirm the deletion.
          </p>
        </Confirm>
      )}
    </Screen>
  );
}
