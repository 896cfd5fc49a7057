// Adding a webhook endpoint: the address the CRM receives events at. The node checks it too
// (an http:// or https:// URL); its refusal shows beside the field.
import { useRef, useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { useKith } from '../state/kith-context.tsx';

export function AddWebhook({ onAdded }: { onAdded: (added: { url: string; secret: string }) => void }) {
  const { client } = useKith();
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const field = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const wanted = url.trim();
    const found =
      wanted === '' ? 'Give the address your CRM receives webhooks at.' : !/^https?:\/\/\S+$/i.test(wanted) ? 'Give a web address starting with https:// (or http://).' : undefined;
    setProblem(found);
    if (found !== undefined) return field.current?.focus();
    setBusy(true);
    try {
      const added = await client.call('vendor.webhooks.add', { url: wanted });
      setUrl('');
      onAdded({ url: wanted, secret: added.secret });
    } catch (caught) {
      setError(caught);
      field.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel share-form" aria-labelledby="webhook-add" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="webhook-add">Add an endpoint</h2>
      <Field
        ref={field}
        id="webhook-url"
        label="Endpoint URL"
        type="url"
        required
        maxLength={2000}
        autoComplete="off"
        hint="Where your CRM receives webhooks, such as https://crm.example.com/hooks/kith."
        value={url}
        onValue={(v) => {
          setUrl(v);
          setProblem(undefined);
        }}
        error={problem}
      />
      <ErrorNote error={error} />
      <div className="actions left">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
    </form>
  );
}
