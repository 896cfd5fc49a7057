// One record in its category, with what can be done to it.
import type { RecordView } from '../../src/api/contract.ts';
import { formatTime } from '../lib/format.ts';
import type { RecordKind } from './record-kinds.ts';

export type RecordAction = 'edit' | 'share' | 'history' | 'delete';

export function RecordItem({ record, kind, onAction }: { record: RecordView; kind: RecordKind; onAction: (action: RecordAction) => void }) {
  const summary = kind.summary(record.data as Record<string, unknown>);
  return (
    <li className="record">
      <div className="record-text">
        <p className="record-summary">{summary}</p>
        <p className="record-meta">
          Version {record.version} · changed {formatTime(record.time)}
          {record.source?.format === 'e-receipt' ? ` · from ${record.source.vendor}` : ''}
        </p>
      </div>
      <div className="record-actions">
        <button type="button" onClick={() => onAction('edit')} aria-label={`Edit ${summary}`}>
          Edit
        </button>
        <button type="button" onClick={() => onAction('share')} aria-label={`Share ${summary}`}>
          Share…
        </button>
        <button type="button" onClick={() => onAction('history')} aria-label={`History of ${summary}`}>
          History
        </button>
        <button type="button" className="danger-quiet" onClick={() => onAction('delete')} aria-label={`Delete ${summary}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
