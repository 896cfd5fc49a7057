// Choosing documents from My data → Documents to attach to a message. The message makes a
// grant for each to the other person, so they are named here with their size.
import { useState } from 'react';
import type { RecordView } from '../../src/api/contract.ts';
import { MAX_ATTACHMENTS } from '../../src/api/methods/conversations.ts';
import { Checklist } from '../components/checklist.tsx';
import { EmptyDialogBody } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Modal } from '../components/modal.tsx';
import type { DocumentData } from '../documents/document-item.tsx';
import { formatBytes } from '../lib/format.ts';
import { toggled } from '../lib/sets.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';

export interface AttachDocumentsProps {
  readonly peerName: string;
  readonly chosen: readonly string[];
  readonly onDone: (chosen: string[], documents: readonly RecordView[]) => void;
  readonly onClose: () => void;
}

export function AttachDocuments({ peerName, chosen, onDone, onClose }: AttachDocumentsProps) {
  const { client } = useKith();
  const navigate = useNavigate();
  const documents = useQuery(() => client.call('data.list', { type: 'document' }), [], (event) => event.name === 'records.changed');
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set(chosen));
  const [problem, setProblem] = useState<string>();
  const list = documents.data ?? [];

  if (documents.data !== undefined && list.length === 0) {
    return (
      <Modal title="Attach documents" onClose={onClose}>
        <EmptyDialogBody title="No documents yet" onClose={onClose}>
          <p>Add a file under Documents first, then attach it here.</p>
          <div className="actions left">
            <button type="button" onClick={() => navigate('documents')}>
              Go to Documents
            </button>
          </div>
        </EmptyDialogBody>
      </Modal>
    );
  }

  function done() {
    const ids = list.filter((record) => ticked.has(record.id)).map((record) => record.id);
    if (ids.length > MAX_ATTACHMENTS) {
      setProblem(`A message attaches at most ${MAX_ATTACHMENTS} documents: untick ${ids.length - MAX_ATTACHMENTS}.`);
      document.getElementById('attach-documents')?.focus();
      return;
    }
    onDone(ids, list);
  }

  return (
    <Modal title="Attach documents" onClose={onClose}>
      <ErrorNote error={documents.error} />
      {documents.data === undefined ? (
        <p className="loading">Loading your documents…</p>
      ) : (
        <Checklist
          id="attach-documents"
          legend="Documents to attach"
          hint={`${peerName} gets a copy of each, kept under this conversation.`}
          autoFocus
          items={list.map((record) => {
            const data = record.data as DocumentData;
            return { key: record.id, label: `${data.name} (${formatBytes(data.size)})` };
          })}
          isChecked={(id) => ticked.has(id)}
          onToggle={(id, on) => {
            setTicked((all) => toggled(all, id, on));
            setProblem(undefined);
          }}
          error={problem}
        />
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={done} disabled={documents.data === undefined}>
          Attach
        </button>
      </div>
    </Modal>
  );
}
