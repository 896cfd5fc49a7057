// When this node runs as a vendor (`kith start --vendor`): the profile customers are
// shown, with the terms it countersigns by itself, and the agreements customers made with it.
import { useState } from 'react';
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { AgreementItem } from './agreement-item.tsx';
import { ProfileFacts } from './profile-facts.tsx';
import { ProfileForm } from './profile-form.tsx';

export function ThisVendorNode({ agreements }: { agreements: readonly AgreementView[] }) {
  const { client } = useKith();
  // No event says the profile changed; it changes only here (or by the CLI, seen on resync).
  const profile = useQuery(
    () => client.call('vendor.profile.get', {}),
    [],
    () => false,
  );
  const [editing, setEditing] = useState(false);
  const list = [...agreements].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.created.localeCompare(a.created));

  return (
    <section className="panel vendor" aria-labelledby="this-vendor-title">
      <div className="category-head panel-head">
        <h2 id="this-vendor-title">This node is a vendor</h2>
        <button type="button" onClick={() => setEditing(true)} disabled={profile.data === undefined}>
          Edit profile…
        </button>
      </div>
      <p className="note">Customers who accept your invite see this profile, and your node countersigns their terms by the clauses below.</p>
      <ErrorNote error={profile.error} />
      {profile.data === undefined ? null : <ProfileFacts profile={profile.data} />}
      <h3>Agreements with customers</h3>
      {list.length === 0 ? (
        <EmptyState title="No customer agreements yet">
          <p>Give customers an invite under People &amp; circles. When one proposes terms your policy accepts, the signed agreement appears here.</p>
        </EmptyState>
      ) : (
        <ul className="agreements">
          {list.map((agreement) => (
            <AgreementItem key={agreement.id} agreement={agreement} />
          ))}
        </ul>
      )}
      {editing && profile.data !== undefined ? <ProfileForm profile={profile.data} onClose={() => setEditing(false)} onSaved={profile.reload} /> : null}
    </section>
  );
}
