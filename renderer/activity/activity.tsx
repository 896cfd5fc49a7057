// Activity: the signed, hash-chained audit trail, filterable by kind, oldest first (the
// order it was written in), loaded a page at a time.
import { useState } from 'react';
import type { AuditEntryView } from '../../src/api/contract.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Screen } from '../components/screen.tsx';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { detailsText, kindLabel, KNOWN_KINDS } from './audit-kinds.ts';
import { VerifyTrail } from './verify-trail.tsx';

const PAGE = 200;

export function Activity() {
  const { client } = useKith();
  const [kind, setKind] = useState('');
  const [pages, setPages] = useState(1);
  const entries = useQuery<AuditEntryView[]>(
    () => client.call('log.list', { limit: PAGE * pages, ...(kind === '' ? {} : { kind }) }),
    [kind, pages],
    (event) => event.name === 'log.appended',
  );
  const list = entries.data ?? [];
  const kinds = [...new Set([...KNOWN_KINDS, ...list.map((entry) => entry.kind)])];

  return (
    <Screen title="Activity" intro="Every change to your data, in order. Each entry is signed by you and linked to the one before, so nothing can be changed or removed unnoticed." actions={<VerifyTrail />}>
      <div className="filter">
        <label htmlFor="activity-kind">Show</label>
        <select id="activity-kind" className="control" value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="">Everything</option>
          {kinds.map((candidate) => (
            <option key={candidate} value={candidate}>
              {kindLabel(candidate)}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={entries.error} />
      {entries.data !== undefined && list.length === 0 ? (
        <EmptyState title={kind === '' ? 'No activity yet' : `No “${kindLabel(kind)}” entries`}>
          <p>{kind === '' ? 'Add something under My data or Documents and it shows here.' : 'Choose Everything to see all entries.'}</p>
        </EmptyState>
      ) : (
        <table className="trail">
          <caption className="visually-hidden">Audit trail entries</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.seq}</td>
                <td>{formatTime(entry.time)}</td>
                <td>{kindLabel(entry.kind)}</td>
                <td className="details">{detailsText(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.length === PAGE * pages ? (
        <button type="button" onClick={() => setPages((n) => n + 1)}>
          Show more
        </button>
      ) : null}
    </Screen>
  );
}
