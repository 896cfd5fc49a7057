// Documents: files of any size, stored content-addressed and described by a signed record.
// Shared like any record (the Share dialog, whole: a document has no fields to pick); the
// holder's node fetches the file itself.
import { useState } from 'react';
import type { RecordView } from '../../src/api/contract.ts';
import { Confirm } from '../components/confirm.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { DOCUMENT_KIND } from '../my-data/record-kinds.ts';
import { ShareDialog } from '../sharing/share-dialog.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { DocumentItem, type DocumentData } from './document-item.tsx';
import { DropZone } from './drop-zone.tsx';

export function Documents() {
  const { client, files } = useKith();
  const documents = useQuery(() => client.call('data.list', { type: 'document' }), [], (event) => event.name === 'records.changed');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const [sharing, setSharing] = useState<RecordView>();
  const [deleting, setDeleting] = useState<RecordView>();

  async function add(chosen: File[]) {
    setBusy(true);
    setError(undefined);
    const added: string[] = [];
    try {
      for (const file of chosen) {
        setStatus(`Adding ${file.name}…`);
        await files.addDocument(file);
        added.push(file.name);
      }
      setStatus(`Added ${added.join(', ')}.`);
    } catch (caught) {
      setStatus(added.length === 0 ? '' : `Added ${added.join(', ')}.`);
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function download(record: RecordView) {
    setError(undefined);
    const { name } = record.data as DocumentData;
    try {
      const outcome = await files.saveDocument(record.id, name);
      setStatus(outcome.saved ? `Saved ${name} to ${outcome.where ?? 'the chosen place'}.` : '');
    } catch (caught) {
      setError(caught);
    }
  }

  const list = documents.data ?? [];
  return (
    <Screen title="Documents" intro="Passports, contracts, receipts: any file. Kith checks each one against its fingerprint whenever it is read.">
      <DropZone onFiles={(chosen) => void add(chosen)} busy={busy} />
      <p className="status" role="status">
        {status}
      </p>
      <ErrorNote error={error ?? documents.error} />
      {documents.data !== undefined && list.length === 0 ? (
        <EmptyState title="No documents yet">
          <p>Choose files or drop them above. They are copied into Kith; the originals stay where they are.</p>
        </EmptyState>
      ) : (
        <ul className="records" aria-label="Your documents">
          {list.map((record) => (
            <DocumentItem
              key={record.id}
              record={record}
              onDownload={() => void download(record)}
              onShare={() => setSharing(record)}
              onDelete={() => setDeleting(record)}
            />
          ))}
        </ul>
      )}
      {sharing === undefined ? null : <ShareDialog record={sharing} kind={DOCUMENT_KIND} onClose={() => setSharing(undefined)} />}
      {deleting === undefined ? null : (
        <Confirm
          title="Delete this document?"
          confirmLabel="Delete"
          onClose={() => setDeleting(undefined)}
          onConfirm={() => client.call('data.remove', { id: deleting.id }).then(() => undefined)}
        >
          <p>
            <strong>{(deleting.data as DocumentData).name}</strong> will no longer be among your documents. Its history keeps a signed note that you
            deleted it.
          </p>
        </Confirm>
      )}
    </Screen>
  );
}
