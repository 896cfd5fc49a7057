// Customers (vendor console): everyone who made an agreement with this vendor node or
// shared data with it, newest first, found by name or DID; one opens into everything the
// node holds of them (customer-holdings.tsx). Live: agreements and deliveries show up as
// they arrive.
import { useEffect, useState } from 'react';
import type { CustomerView } from '../../src/api/methods/vendor.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { KeyText } from '../components/key-text.tsx';
import { Screen } from '../components/screen.tsx';
import { count, formatTime } from '../lib/format.ts';
import { focusScreenHeading, useNavigate } from '../shell/navigation.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { changesCustomers } from './console-events.ts';
import { customerCounts, customerName } from './console-words.ts';
import { CustomerHoldings } from './customer-holdings.tsx';

/** A page of the list: a long list stays quick to draw, and the search finds the rest. */
const PAGE = 50;
/** The most the list grows to (the node answers at most 1000 a call): past it, the search finds the rest. */
const MOST_SHOWN = 19 * PAGE;
/** Typing pauses this long before the node is asked. */
const SEARCH_WAIT_MS = 250;

function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function Customers() {
  const [open, setOpen] = useState<CustomerView>();
  // Either way the new view's heading takes the focus, as a new section's does.
  const show = (customer: CustomerView | undefined) => {
    setOpen(customer);
    focusScreenHeading();
  };
  if (open !== undefined) return <CustomerHoldings customer={open} onBack={() => show(undefined)} />;
  return <CustomerList onOpen={show} />;
}

function CustomerList({ onOpen }: { onOpen: (customer: CustomerView) => void }) {
  const { client } = useKith();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const needle = useSettled(search.trim(), SEARCH_WAIT_MS);
  // A page at a time, searched and paged by the node in SQL. The pages shown so far are
  // asked again as one (offset 0, one more row than shown, to know whether there are more):
  // a live reload then keeps the list whole, where appending by offset would repeat a row
  // each time a new customer arrives at the top.
  const customers = useQuery(
    () => client.call('vendor.customers', { ...(needle === '' ? {} : { search: needle }), limit: shown + 1, offset: 0 }),
    [needle, shown],
    changesCustomers,
  );
  useEffect(() => setShown(PAGE), [needle]);
  // Newest first, as the node orders them: whoever just arrived is who the owner looks for.
  const list = customers.data ?? [];
  const more = list.length > shown;
  const searching = needle !== '';

  return (
    <Screen
      title="Customers"
      intro="Everyone who made an agreement with your business or shared data with it. Open one to see their agreements and everything they shared with you: every version, and when."
    >
      {/* No search to offer before there is anyone to find. */}
      {!searching && search === '' && customers.data?.length === 0 ? null : (
        <div className="console-search field" role="search">
          <label htmlFor="customer-search">Search customers</label>
          <p className="field-hint" id="customer-search-hint">
            By name or DID.
          </p>
          <input id="customer-search" className="control" type="search" autoComplete="off" aria-describedby="customer-search-hint" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      )}
      <p className="status" role="status">
        {customers.loading && customers.data === undefined
          ? 'Loading customers…'
          : customers.data === undefined || list.length === 0
            ? ''
            : searching
              ? `${more ? `The newest ${shown} customers` : count(list.length, 'customer')} found for “${needle}”`
              : more
                ? `The newest ${shown} customers`
                : count(list.length, 'customer')}
      </p>
      <ErrorNote error={customers.error} />
      {customers.data === undefined ? null : list.length === 0 ? (
        searching ? (
          <EmptyState title={`No customer matches “${needle}”`}>
            <p>Search by a part of their name or their DID, or clear the search to see everyone.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No customers yet">
            <p>
              A customer appears here when they make an agreement with your node or share data with it. Create an invite under People &amp; circles and give it to them; your node signs the
              terms your Policy accepts.
            </p>
            <div className="actions left">
              <button type="button" onClick={() => navigate('people')}>
                Go to People &amp; circles
              </button>
              <button type="button" onClick={() => navigate('policy')}>
                See your Policy
              </button>
            </div>
          </EmptyState>
        )
      ) : (
        <>
          <ul className="customer-list">
            {list.slice(0, shown).map((customer) => (
              <li key={customer.did} className="customer">
                <div className="customer-main">
                  <button type="button" className="link customer-name" onClick={() => onOpen(customer)} aria-label={`Open ${customerName(customer)}`}>
                    {customerName(customer)}
                  </button>
                  <KeyText value={customer.did} label="DID" />
                </div>
                <p className="record-meta">
                  {customerCounts(customer)} · customer since {formatTime(customer.since)}
                </p>
              </li>
            ))}
          </ul>
          {more && shown >= MOST_SHOWN ? (
            <p className="note">The newest {MOST_SHOWN} are shown: search by name or DID to find anyone else.</p>
          ) : more ? (
            <div className="actions left">
              <button type="button" disabled={customers.loading} onClick={() => setShown((n) => n + PAGE)}>
                {customers.loading ? 'Loading…' : `Show ${PAGE} more`}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Screen>
  );
}
