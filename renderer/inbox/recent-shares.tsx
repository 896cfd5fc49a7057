// The newest things contacts shared with me, a few at most, with the way to the full
// Shared with me screen.
import type { SharedView } from '../../src/api/methods/sharing.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { formatTime } from '../lib/format.ts';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';

const SHOWN = 5;

export function RecentShares({ shared, onSeeAll }: { shared: readonly SharedView[] | undefined; onSeeAll: () => void }) {
  const newest = [...(shared ?? [])].sort((a, b) => b.received.localeCompare(a.received)).slice(0, SHOWN);
  return (
    <section className="panel" aria-labelledby="recent-shares-title">
      <div className="category-head panel-head">
        <h2 id="recent-shares-title">Shared with you lately</h2>
        {newest.length === 0 ? null : (
          <button type="button" className="link" onClick={onSeeAll}>
            All of it under Shared with me
          </button>
        )}
      </div>
      {shared !== undefined && newest.length === 0 ? (
        <EmptyState title="Nothing shared with you yet">
          <p>When a contact shares something with you, or says yes to a request of yours, it shows here. Choose Ask for data… to ask someone.</p>
        </EmptyState>
      ) : (
        <ul className="records">
          {newest.map((item) => {
            const text = item.record.deleted ? '(deleted by them)' : item.record.data === null ? '(no longer held)' : recordSummary(item.record.type, item.record.data);
            return (
              <li key={`${item.grant.id}-${item.record.id}`} className="record">
                <div className="record-text">
                  <p className="record-summary">
                    {typeLabel(item.record.type)}: {text}
                    {item.revoked === undefined ? null : <span className="tag">revoked</span>}
                  </p>
                  <p className="record-meta">
                    From {item.from.petname} · {item.grant.purpose} · received {formatTime(item.received)}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
