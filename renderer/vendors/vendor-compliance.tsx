// How well a vendor kept my terms (vendors.compliance): a score out of 100 with what took
// points off, and every deletion owed to me — asked for when I took data back, or set by a
// "delete after N days" term — answered on time, late, never, or not yet due.
import type { VendorComplianceView } from '../../src/api/methods/vendor-compliance.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { formatTime } from '../lib/format.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';

type Deletion = VendorComplianceView['deletions'][number];

const VERDICT: Record<Deletion['verdict'], { words: string; className: string }> = {
  'on-time': { words: 'Deleted on time', className: 'ok-text' },
  late: { words: 'Deleted late', className: 'warn-text' },
  never: { words: 'Never confirmed', className: 'error-text' },
  waiting: { words: 'Not due yet', className: 'muted-text' },
};

function DeletionRow({ deletion, what }: { deletion: Deletion; what: string }) {
  const verdict = VERDICT[deletion.verdict];
  return (
    <tr>
      <td>{what}</td>
      <td>{deletion.purpose}</td>
      <td>{formatTime(deletion.due)}</td>
      <td className={verdict.className}>
        {verdict.words}
        {deletion.answered === undefined ? '' : ` (${formatTime(deletion.answered)})`}
      </td>
    </tr>
  );
}

export function VendorCompliance({ vendor }: { vendor: { readonly peerId: string; readonly petname: string } }) {
  const { client } = useKith();
  const query = useQuery(
    () => client.call('vendors.compliance', { vendor: vendor.peerId }),
    [vendor.peerId],
    (event) => event.name === 'grants.changed' || event.name === 'agreements.changed',
  );
  const view = query.data?.[0];
  if (view === undefined) return query.error === undefined ? <p className="loading">Checking {vendor.petname}’s record…</p> : <ErrorNote error={query.error} />;
  const owed = [...view.deletions.map((d) => ({ d, what: 'Taken back' })), ...view.retention.map((d) => ({ d, what: `Delete after ${d.days} days` }))];
  return (
    <div className="vendor-compliance">
      <p className={view.score === 100 ? 'ok-text compliance' : 'compliance'}>
        <strong aria-label={`Score ${view.score} out of 100`}>{view.score}/100</strong>{' '}
        {view.factors.length === 0 ? `${vendor.petname} kept every term you can check: nothing late, missing or disputed.` : 'What took points off:'}
      </p>
      {view.factors.length === 0 ? null : (
        <ul className="score-factors">
          {view.factors.map((factor) => (
            <li key={factor.reason}>
              {factor.points} {factor.reason}
            </li>
          ))}
        </ul>
      )}
      {owed.length === 0 ? (
        <p className="note">No deletion is owed to you yet: one is when you take data back, or when a “delete after” term’s time comes.</p>
      ) : (
        <table className="trail deletions">
          <caption className="visually-hidden">Deletions {vendor.petname} owes you</caption>
          <thead>
            <tr>
              <th scope="col">Why</th>
              <th scope="col">For</th>
              <th scope="col">Due</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {owed.map(({ d, what }) => (
              <DeletionRow key={`${what}:${d.grant}`} deletion={d} what={what} />
            ))}
          </tbody>
        </table>
      )}
      {view.disputes.map((dispute) => (
        <p key={dispute.agreement} className="warn-text">
          Disputed {formatTime(dispute.time)}: {dispute.reason}
        </p>
      ))}
    </div>
  );
}
