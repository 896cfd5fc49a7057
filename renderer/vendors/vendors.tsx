// Vendors & agreements: the businesses among my contacts, each with its profile, my
// agreements with it, what it holds of mine and whether it deleted what I took back — and,
// when this node runs as a vendor, its own profile and its customers' agreements. Live:
// agreements, deliveries and receipts show up as they happen.
import type { ContactView } from '../../src/api/methods/people.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { ThisVendorNode } from './this-vendor-node.tsx';
import { VendorPanel } from './vendor-panel.tsx';

export function Vendors() {
  const { client } = useKith();
  const contacts = useQuery(
    () => client.call('contacts.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const agreements = useQuery(
    () => client.call('agreements.list', {}),
    [],
    (event) => event.name === 'agreements.changed' || event.name === 'contacts.changed' || event.name === 'grants.changed',
  );
  const grants = useQuery(
    () => client.call('grants.list', {}),
    [],
    (event) => event.name === 'grants.changed' || event.name === 'contacts.changed' || event.name === 'agreements.changed',
  );
  const receipts = useQuery(
    () => client.call('receipts.list', {}),
    [],
    (event) => event.name === 'grants.changed' || event.name === 'agreements.changed',
  );
  const records = useQuery(
    () => client.call('data.list', {}),
    [],
    (event) => event.name === 'records.changed',
  );
  // Whether this node runs as a vendor is fixed while it runs.
  const status = useQuery(
    () => client.call('node.status', {}),
    [],
    () => false,
  );
  const vendors = (contacts.data ?? []).filter((contact: ContactView) => contact.kind === 'vendor');
  const all = agreements.data ?? [];
  const describe = (id: string) => {
    const record = records.data?.find((r) => r.id === id);
    return record === undefined ? 'a record you since deleted' : `${typeLabel(record.type)}: ${recordSummary(record.type, record.data)}`;
  };

  return (
    <Screen
      title="Vendors & agreements"
      intro="The businesses you deal with. You proffer your own terms; a vendor's node signs them or names the clause it refuses, and both of you keep the signed agreement. Here you see what each holds of yours, and whether it deleted what you took back."
    >
      <ErrorNote error={contacts.error ?? agreements.error ?? grants.error ?? receipts.error ?? records.error} />
      {status.data?.vendor === true ? <ThisVendorNode agreements={all.filter((a) => a.role === 'vendor')} /> : null}
      {contacts.data !== undefined && vendors.length === 0 ? (
        <EmptyState title={status.data?.vendor === true ? 'No vendors among your contacts' : 'No vendors yet'}>
          <p>A business joins your contacts the way a person does: it gives you an invite code, and you accept it under People &amp; circles. It then shows here, marked as a vendor.</p>
        </EmptyState>
      ) : (
        vendors.map((vendor) => {
          const withIt = all.filter((a) => a.role === 'customer' && a.with.peerId === vendor.peerId);
          const under = new Set(withIt.flatMap((a) => a.grants));
          return (
            <VendorPanel
              key={vendor.peerId}
              vendor={vendor}
              agreements={withIt}
              // Grants to a vendor are made under its agreements; a blocked holder is no longer listed as one.
              grants={(grants.data ?? []).filter((g) => under.has(g.id) || (g.to.kind === 'contact' && g.holders.some((h) => h.peerId === vendor.peerId)))}
              receipts={receipts.data ?? []}
              describe={describe}
            />
          );
        })
      )}
    </Screen>
  );
}
