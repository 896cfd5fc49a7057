// One thing shared with me: its contents, why I have it, on which terms, which version.
import type { SharedView } from '../../src/api/methods/sharing.ts';
import { formatTime } from '../lib/format.ts';
import { TermList } from './grant-item.tsx';
import { recordSummary, typeLabel } from './record-summary.ts';
import { SharedFile } from './shared-file.tsx';

export function SharedItem({ item }: { item: SharedView }) {
  const gone = item.revoked !== undefined || item.record.deleted;
  const held = item.record.data !== undefined && item.record.data !== null;
  const text = item.record.deleted ? '(deleted by them)' : held ? recordSummary(item.record.type, item.record.data) : '(no longer held)';
  return (
    <li className={gone ? 'shared-item revoked' : 'shared-item'}>
      <p className="record-summary">
        <span className="shared-text">
          {typeLabel(item.record.type)}: {text}
        </span>
        {item.revoked === undefined ? null : <span className="tag">revoked</span>}
      </p>
      <p className="record-meta">
        Version {item.record.version} · received {formatTime(item.received)}
        {item.grant.expires === undefined ? '' : ` · until ${formatTime(item.grant.expires)}`}
      </p>
      {item.file === undefined ? null : <SharedFile item={item} file={item.file} />}
      {item.revoked === undefined ? null : (
        <p className="revoked-note">Revoked {formatTime(item.revoked)}: they no longer share this with you. Delete any copy you made.</p>
      )}
      <dl className="facts">
        <dt>Purpose</dt>
        <dd>{item.grant.purpose}</dd>
        <dt>Terms</dt>
        <dd>{item.grant.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={item.grant.terms} />}</dd>
      </dl>
    </li>
  );
}
