// "Send a receipt": an e-receipt for one sale to this customer — order number, day, the
// lines sold (name, quantity, unit price), one currency — with the total computed as it is
// typed. What is wrong shows beside its field before anything is sent; the core checks the
// order again (and that they have an agreement in force), and its refusal shows in words.
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { useKith } from '../state/kith-context.tsx';
import { draftProblems, draftTotal, EMPTY_ITEM, hasProblems, localDay, newDraft, orderFrom, receiptErrorWords, type DraftProblems, type ItemDraft, type ReceiptDraft } from './receipt-draft.ts';

const MAX_ITEMS = 200;

export function SendReceipt({ customer, name, onSent }: { customer: string; name: string; onSent: (text: string) => void }) {
  const { client } = useKith();
  const [draft, setDraft] = useState<ReceiptDraft>(() => newDraft(localDay()));
  const [problems, setProblems] = useState<DraftProblems>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const total = draftTotal(draft.items);
  const currency = draft.currency.trim().toUpperCase();

  const edit = (change: Partial<ReceiptDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setProblems(undefined);
    setError(undefined);
  };
  const editItem = (index: number, change: Partial<ItemDraft>) => edit({ items: draft.items.map((item, i) => (i === index ? { ...item, ...change } : item)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = draftProblems(draft);
    if (hasProblems(found)) {
      setProblems(found);
      document.querySelector<HTMLElement>('.send-receipt [aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const sent = await client.call('vendor.receipt', { customer, order: orderFrom(draft) });
      setDraft(newDraft(draft.date, currency));
      onSent(`Receipt for order ${sent.orderId} (${sent.total.value} ${sent.total.currency}) signed and on its way to ${name}.`);
    } catch (caught) {
      setError(receiptErrorWords(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="send-receipt share-form" aria-labelledby="send-receipt" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="send-receipt">Send a receipt</h3>
      <p className="field-hint">Your node signs it and sends it to {name}’s node, which keeps it as a purchase from you (if they take e-receipts from you).</p>
      <div className="receipt-item">
        <Field id="receipt-order" label="Order number" required maxLength={100} autoComplete="off" value={draft.orderId} onValue={(orderId) => edit({ orderId })} error={problems?.orderId} />
        <Field id="receipt-date" label="Date" type="date" required value={draft.date} onValue={(date) => edit({ date })} error={problems?.date} />
        <Field
          id="receipt-currency"
          label="Currency"
          required
          maxLength={3}
          autoComplete="off"
          value={draft.currency}
          onValue={(value) => edit({ currency: value.toUpperCase() })}
          error={problems?.currency}
        />
      </div>
      <fieldset className="receipt-items">
        <legend>What was sold</legend>
        {draft.items.map((item, index) => (
          // Lines have no identity of their own; the index is theirs while the form is open.
          <div key={index} className="receipt-item" role="group" aria-label={`Item ${index + 1}`}>
            <Field id={`receipt-item-${index}-name`} label="Item" required maxLength={200} autoComplete="off" value={item.name} onValue={(v) => editItem(index, { name: v })} error={problems?.items[index]?.name} />
            <Field id={`receipt-item-${index}-quantity`} label="Quantity" required inputMode="numeric" autoComplete="off" value={item.quantity} onValue={(v) => editItem(index, { quantity: v })} error={problems?.items[index]?.quantity} />
            <Field
              id={`receipt-item-${index}-price`}
              label={`Unit price${currency === '' ? '' : ` (${currency})`}`}
              required
              inputMode="decimal"
              autoComplete="off"
              value={item.price}
              onValue={(v) => editItem(index, { price: v })}
              error={problems?.items[index]?.price}
            />
            {draft.items.length === 1 ? <span /> : (
              <button type="button" className="danger-quiet" onClick={() => edit({ items: draft.items.filter((_, i) => i !== index) })} aria-label={`Remove item ${index + 1}`}>
                Remove
              </button>
            )}
          </div>
        ))}
        <div className="actions left">
          <button type="button" disabled={draft.items.length >= MAX_ITEMS} onClick={() => edit({ items: [...draft.items, EMPTY_ITEM] })}>
            Add an item
          </button>
        </div>
      </fieldset>
      <p className="receipt-total" aria-live="polite">
        Total: <strong>{total === undefined ? '—' : `${total} ${currency}`}</strong>
        {total === undefined ? <span className="muted-text"> (shown once every line has a quantity and a price)</span> : null}
      </p>
      <ErrorNote error={error} />
      <div className="actions left">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing…' : 'Sign and send'}
        </button>
      </div>
    </form>
  );
}
