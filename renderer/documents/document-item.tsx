// One stored document: what it is, and download / share / delete.
import type { RecordView } from '../../src/api/contract.ts';
import { formatBytes, formatTime } from '../lib/format.ts';

export interface DocumentData {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

export interface DocumentItemProps {
  readonly record: RecordView;
  readonly onDownload: () => void;
  readonly onShare: () => void;
  readonly onDelete: () => void;
}

export function DocumentItem({ record, onDownload, onShare, onDelete }: DocumentItemProps) {
  const data = record.data as DocumentData;
  return (
    <li className="record">
      <div className="record-text">
        <p className="record-summary">{data.name}</p>
        <p className="record-meta">
          {formatBytes(data.size)} · {data.mediaType} · added {formatTime(record.time)}
        </p>
        <p className="record-meta mono" title="SHA-256 of the file: Kith checks it every time the file is read">
          sha256 {data.sha256.slice(0, 16)}…
        </p>
      </div>
      <div className="record-actions">
        <button type="button" onClick={onDownload} aria-label={`Download ${data.name}`}>
          Download
        </button>
        <button type="button" onClick={onShare} aria-label={`Share ${data.name}`}>
          Share…
        </button>
        <button type="button" className="danger-quiet" onClick={onDelete} aria-label={`Delete ${data.name}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
