// One grant: to whom, what, why, under which terms, and each holder's state.
import type { GrantView } from '../../src/api/methods/sharing.ts';
import { formatTime } from '../lib/format.ts';

export function GrantItem({ grant, describe, onRevoke }: { grant: GrantView; describe: (id: string) => string; onRevoke: () => void }) {
  const what = grant.records.map((record) => describe(record.id) + (record.fields === undefined ? '' : ` (only ${record.fields.join(', ')})`)).join('; ');
  const state = grant.revoked !== undefined ? `Revoked ${formatTime(grant.revoked)}` : grant.live ? 'Active' : 'Expired';
  return (
    <li className="grant panel">
      <div className="category-head">
        <h2>
          {what} <span className="quiet-text">with</span> {grant.to.name}
          {grant.to.kind === 'circle' ? <span className="badge">circle</span> : null}
        </h2>
        {grant.live ? (
          <button type="button" className="danger-quiet" onClick={onRevoke} aria-label={`Revoke sharing with ${grant.to.name}`}>
            Revoke
          </button>
        ) : null}
      </div>
      <dl className="facts">
        <dt>State</dt>
        <dd className={grant.live ? 'ok-text' : 'muted-text'}>{state}</dd>
        <dt>Purpose</dt>
        <dd>{grant.purpose}</dd>
        <dt>Terms</dt>
        <dd>{grant.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={grant.terms} />}</dd>
        <dt>Shared</dt>
        <dd>
          {formatTime(grant.created)}
          {grant.expires === undefined ? '' : ` · until ${formatTime(grant.expires)}`}
        </dd>
      </dl>
      {grant.holders.length === 0 ? (
        <p className="note">
          Nobody holds it yet
          {grant.to.kind === 'circle' ? ': the circle is empty.' : '.'}
        </p>
      ) : (
        <table className="trail holders">
          <caption className="visually-hidden">Who holds it</caption>
          <thead>
            <tr>
              <th scope="col">Holder</th>
              <th scope="col">Latest version</th>
              <th scope="col">Consent receipt</th>
              {grant.revoked === undefined ? null : <th scope="col">Deleted</th>}
            </tr>
          </thead>
          <tbody>
            {grant.holders.map((holder) => (
              <tr key={holder.peerId}>
                <td>{holder.petname}</td>
                <td>{holder.upToDate ? <span className="ok-text">Up to date</span> : 'Waiting to deliver'}</td>
                <td>{holder.receipt ? <span className="ok-text">Signed</span> : 'Not yet'}</td>
                {grant.revoked === undefined ? null : <td>{holder.deleted ? <span className="ok-text">Confirmed deleted</span> : 'Not confirmed yet'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

export function TermList({ terms }: { terms: readonly string[] }) {
  return (
    <ul className="terms">
      {terms.map((term) => (
        <li key={term}>{term}</li>
      ))}
    </ul>
  );
}
