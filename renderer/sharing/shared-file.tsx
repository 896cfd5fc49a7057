// The file of a document shared with me: whether it is here, and saving it out. Small
// files arrive by themselves once shared; a large one is fetched when asked for.
import { useState } from 'react';
import type { SharedFileView, SharedView } from '../../src/api/methods/sharing.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { formatBytes } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';

function fileText(file: SharedFileView): string {
  switch (file.state) {
    case 'here':
      return `File here · ${formatBytes(file.size)}`;
    case 'fetching':
      return `Fetching the file… ${formatBytes(file.received ?? 0)} of ${formatBytes(file.size)}`;
    case 'waiting':
      return file.error === undefined ? `Fetching the file soon · ${formatBytes(file.size)}` : `Could not fetch the file yet; trying again · ${formatBytes(file.size)}`;
    case 'on-request':
      return `File not fetched yet (${formatBytes(file.size)}): large files come when you ask`;
    case 'offline':
      return `File not here · ${formatBytes(file.size)} · it arrives when your node is online`;
    case 'unavailable':
      return 'File not here: the share has expired';
  }
}

export function SharedFile({ item, file }: { item: SharedView; file: SharedFileView }) {
  const { client, files } = useKith();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const name = typeof (item.record.data as { name?: unknown } | null)?.name === 'string' ? (item.record.data as { name: string }).name : item.record.id;

  async function save() {
    setError(undefined);
    setStatus(file.state === 'here' ? '' : 'Fetching the file first…');
    try {
      const outcome = await files.saveSharedDocument(item.record.id, name);
      setStatus(outcome.saved ? `Saved ${name} to ${outcome.where ?? 'the chosen place'}.` : '');
    } catch (caught) {
      setStatus('');
      setError(caught);
    }
  }

  async function fetchNow() {
    setError(undefined);
    try {
      await client.call('shared.fetch', { id: item.record.id });
    } catch (caught) {
      setError(caught);
    }
  }

  const canSave = file.state !== 'unavailable' && file.state !== 'offline';
  return (
    <div className="shared-file">
      <p className="record-meta">{fileText(file)}</p>
      <div className="record-actions">
        {canSave ? (
          <button type="button" onClick={() => void save()} aria-label={`Download ${name}`}>
            Download
          </button>
        ) : null}
        {file.state === 'on-request' || (file.state === 'waiting' && file.error !== undefined) ? (
          <button type="button" onClick={() => void fetchNow()} aria-label={`Fetch ${name} now`}>
            Fetch now
          </button>
        ) : null}
      </div>
      <p className="status" role="status">
        {status}
      </p>
      <ErrorNote error={error} />
    </div>
  );
}
