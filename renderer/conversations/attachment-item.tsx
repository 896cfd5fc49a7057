// One document attached to a message: its name and size, whether the file has arrived (a
// received one comes over the document protocol, after the message), and saving it out the
// way documents are saved everywhere else (a save dialog in the desktop app, a download in
// a browser). Mine come from my Documents; theirs are shared with me by the message.
import { useState } from 'react';
import type { MessageView } from '../../src/api/methods/conversations.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { formatBytes } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';

type Attachment = MessageView['attachments'][number];

/** Where the file is; nothing is claimed for theirs when the node does not say. */
function arrival(attachment: Attachment, mine: boolean): string {
  if (mine) return ' · from your Documents';
  if (attachment.received === undefined) return '';
  return attachment.received ? ' · here' : ' · not here yet: it arrives from their node';
}

export function AttachmentItem({ attachment, mine }: { attachment: Attachment; mine: boolean }) {
  const { files } = useKith();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();

  async function save() {
    setError(undefined);
    setStatus(mine || attachment.received !== false ? '' : 'Fetching the file first…');
    try {
      const outcome = mine ? await files.saveDocument(attachment.id, attachment.name) : await files.saveSharedDocument(attachment.id, attachment.name);
      setStatus(outcome.saved ? `Saved ${attachment.name} to ${outcome.where ?? 'the chosen place'}.` : '');
    } catch (caught) {
      setStatus('');
      setError(caught);
    }
  }

  return (
    <li className="attachment">
      <span className="attachment-name">{attachment.name}</span>
      <span className="record-meta">
        {' '}
        · {formatBytes(attachment.size)}
        {arrival(attachment, mine)}
      </span>{' '}
      <button type="button" className="small" onClick={() => void save()} aria-label={`Download ${attachment.name}`}>
        Download
      </button>
      {status === '' ? null : (
        <span className="status" role="status">
          {' '}
          {status}
        </span>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
