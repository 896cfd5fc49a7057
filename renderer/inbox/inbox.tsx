// Inbox: what contacts ask of me (approve all, a part, or deny), what they shared with me
// lately, and the requests I sent with their answers — everything `kith inbox`, `kith
// approve`, `kith deny`, `kith request` and `kith requests` do. Live: a new request, an
// answer or a delivery shows up without a reload.
import { useRef, useState } from 'react';
import type { RequestView } from '../../src/api/methods/requests.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { usePrimaryFocus } from '../components/use-primary-focus.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { ApproveRequest } from './approve-request.tsx';
import { AskForData } from './ask-for-data.tsx';
import { DenyRequest } from './deny-request.tsx';
import { IncomingRequest } from './incoming-request.tsx';
import { RecentShares } from './recent-shares.tsx';
import { SentRequest } from './sent-request.tsx';

type Open = { what: 'ask' } | { what: 'approve' | 'deny'; request: RequestView } | undefined;

export function Inbox() {
  const { client } = useKith();
  const navigate = useNavigate();
  const inbox = useQuery(
    () => client.call('inbox.list', {}),
    [],
    // A request's records-to-choose-from change with my records.
    (event) => event.name === 'inbox.changed' || event.name === 'contacts.changed' || event.name === 'records.changed',
  );
  const sent = useQuery(
    () => client.call('requests.list', {}),
    [],
    (event) => event.name === 'requests.changed' || event.name === 'contacts.changed',
  );
  const shared = useQuery(
    () => client.call('shared.list', {}),
    [],
    (event) => event.name === 'shared.changed' || event.name === 'contacts.changed',
  );
  const records = useQuery(
    () => client.call('data.list', {}),
    [],
    (event) => event.name === 'records.changed',
  );
  const [open, setOpen] = useState<Open>();
  const askButton = useRef<HTMLButtonElement>(null);
  usePrimaryFocus(askButton);
  const close = () => setOpen(undefined);
  const seeShared = () => navigate('shared-with-me');

  const pending = (inbox.data ?? []).filter((r) => r.status === 'pending');
  const answered = (inbox.data ?? []).filter((r) => r.status !== 'pending');
  const mine = sent.data ?? [];
  const describe = (id: string) => {
    const record = records.data?.find((r) => r.id === id);
    return record === undefined ? 'a record you since deleted' : `${typeLabel(record.type)}: ${recordSummary(record.type, record.data)}`;
  };
  // The pending request the dialog is about, kept current as its records change.
  const current = open !== undefined && 'request' in open ? (pending.find((r) => r.id === open.request.id) ?? open.request) : undefined;

  return (
    <Screen
      title="Inbox"
      intro="Requests for your data from your contacts, what they shared with you lately, and what you asked others for. Nothing of yours leaves this computer until you say yes."
      actions={
        <div className="actions left">
          <button type="button" className="primary" ref={askButton} onClick={() => setOpen({ what: 'ask' })}>
            Ask for data…
          </button>
        </div>
      }
    >
      <ErrorNote error={inbox.error ?? sent.error ?? shared.error ?? records.error} />
      <section className="panel" aria-labelledby="waiting-title">
        <h2 id="waiting-title">Waiting for your answer</h2>
        {inbox.data !== undefined && pending.length === 0 ? (
          <EmptyState title="No requests waiting">
            <p>When a contact asks for some of your data, the request appears here and you decide: share all of it, a part of it, or nothing.</p>
          </EmptyState>
        ) : (
          <ul className="requests">
            {pending.map((request) => (
              <IncomingRequest
                key={request.id}
                request={request}
                describe={describe}
                onApprove={() => setOpen({ what: 'approve', request })}
                onDeny={() => setOpen({ what: 'deny', request })}
              />
            ))}
          </ul>
        )}
      </section>
      <RecentShares shared={shared.data} onSeeAll={seeShared} />
      <section className="panel" aria-labelledby="sent-title">
        <h2 id="sent-title">Requests you sent</h2>
        {sent.data !== undefined && mine.length === 0 ? (
          <EmptyState title="You have not asked anyone yet">
            <p>Choose Ask for data… to ask a contact for, say, their postal address. You see their answer here.</p>
          </EmptyState>
        ) : (
          <ul className="requests">
            {mine.map((request) => (
              <SentRequest
                key={request.id}
                request={request}
                arrived={(shared.data ?? []).filter((item) => request.grant !== undefined && item.grant.id === request.grant)}
                onSeeShared={seeShared}
              />
            ))}
          </ul>
        )}
      </section>
      {answered.length === 0 ? null : (
        <section className="panel" aria-labelledby="answered-title">
          <h2 id="answered-title">Requests you answered</h2>
          <ul className="requests">
            {answered.map((request) => (
              <IncomingRequest key={request.id} request={request} describe={describe} />
            ))}
          </ul>
        </section>
      )}
      {open?.what === 'ask' ? <AskForData onClose={close} /> : null}
      {open?.what === 'approve' && current !== undefined ? <ApproveRequest request={current} records={records.data} onClose={close} /> : null}
      {open?.what === 'deny' && current !== undefined ? <DenyRequest request={current} onClose={close} /> : null}
    </Screen>
  );
}
