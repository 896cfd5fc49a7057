// Every signed version of a record, newest first, the deletion tombstone included.
import type { RecordView } from '../../src/api/contract.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { Modal } from '../components/modal.tsx';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { RECORD_KINDS, type EditableType } from './record-kinds.ts';

export function RecordHistory({ record, onClose }: { record: RecordView; onClose: () => void }) {
  const { client } = useKith();
  const history = useQuery(() => client.call('data.history', { id: record.id }), [record.id], (event) => event.name === 'records.changed');
  const kind = RECORD_KINDS[record.type as EditableType];
  const versions = [...(history.data ?? [])].reverse();
  return (
    <Modal title={`History of ${kind?.summary(record.data as Record<string, unknown>) ?? record.id}`} onClose={onClose}>
      <ErrorNote error={history.error} />
      {history.loading && history.data === undefined ? <p className="loading">Loading…</p> : null}
      <ol className="history" aria-label="Versions, newest first">
        {versions.map((version) => (
          <li key={version.version} className="history-item">
            <p className="history-head">
              <strong>Version {version.version}</strong> · {formatTime(version.time)}
              {version.deleted ? <span className="tag">deleted</span> : null}
            </p>
            {version.deleted ? (
              <p>The record was deleted. This signed note stays, so the history shows when.</p>
            ) : (
              <p>{kind?.summary(version.data as Record<string, unknown>) ?? JSON.stringify(version.data)}</p>
            )}
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
