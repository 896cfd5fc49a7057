// E-receipts on a customer's page: what was sent to them, newest first, and what their
// node answered (taken, declined, refused), and the form to send another. An answer comes
// back through the outbox, with no event of its own, so while one is still on its way the
// list is asked again every few seconds (and on the outbox's grants.changed).
import { useEffect, useState } from 'react';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { formatTime } from '../lib/format.ts';
import { useKith, type UiEvent } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { sentReceiptState } from './console-words.ts';
import { SendReceipt } from './send-receipt.tsx';

const POLL_MS = 3000;

function changesReceipts(event: UiEvent): boolean {
  return event.name === 'grants.changed';
}

export function CustomerReceipts({ customer, name, canSend }: { customer: string; name: string; canSend: boolean }) {
  const { client } = useKith();
  const receipts = useQuery(() => client.call('vendor.receipts', { customer }), [customer], changesReceipts);
  const { reload } = receipts;
  const waiting = receipts.data?.some((r) => r.status === 'queued') ?? false;
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  return (
    <section className="panel sent-receipts" aria-labelledby="customer-receipts">
      <h2 id="customer-receipts">E-receipts</h2>
      <ErrorNote error={receipts.error} />
      <p className="status" role="status">
        {note}
      </p>
      {receipts.data === undefined ? null : receipts.data.length === 0 ? (
        <EmptyState title="No e-receipts sent yet">
          <p>{canSend ? `A receipt you send below lands in ${name}’s data as a purchase from you, signed by your node.` : `E-receipts go to customers with an agreement in force; ${name} has none now.`}</p>
        </EmptyState>
      ) : (
        <ul className="records">
          {receipts.data.map((sent) => (
            <li key={sent.id} className="record">
              <div>
                <p className="record-summary">
                  Order {sent.orderId} · {sent.total.value} {sent.total.currency}
                </p>
                <p className="record-meta">
                  Sent {formatTime(sent.created)} ·{' '}
                  <span className={sent.status === 'stored' || sent.status === 'duplicate' ? 'ok-text' : sent.status === 'queued' ? undefined : 'danger-text'}>{sentReceiptState(sent)}</span>
                  {sent.answered === undefined ? '' : ` · ${formatTime(sent.answered)}`}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canSend ? (
        <SendReceipt
          customer={customer}
          name={name}
          onSent={(text) => {
            setNote(text);
            reload();
          }}
        />
      ) : receipts.data !== undefined && receipts.data.length > 0 ? (
        <p className="note">No agreement with {name} is in force now, so no new e-receipt can go to them.</p>
      ) : null}
    </section>
  );
}
