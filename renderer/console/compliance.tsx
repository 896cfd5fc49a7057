// Compliance (vendor console): the deletions customers' terms require. A "delete after N
// days" term schedules one when the grant's first record arrives; the node carries it out
// on the day and sends the customer a signed deletion receipt. Owed ones show their
// deadline and how far off it is (an overdue one stands out); answered ones say how —
// on schedule, or by the customer's revocation first — and whether their node has the
// receipt. The node carries deletions out on a timer, and "overdue" turns with the clock,
// so the screen is asked again every few seconds while open, as well as on live events.
import { useEffect, useState } from 'react';
import { EmptyState } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { KeyText } from '../components/key-text.tsx';
import { Screen } from '../components/screen.tsx';
import { count, formatTime } from '../lib/format.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useKith, type UiEvent } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { answeredHow, deletionWhat, dueDistance, receiptWhere, retentionWords, type AnsweredDeletion, type OwedDeletion } from './compliance-words.ts';
import { customerName } from './console-words.ts';

const POLL_MS = 5000;

/** A revocation answers a deletion; a new grant schedules one; a carried-out one queues its receipt. */
function changesCompliance(event: UiEvent): boolean {
  return event.name === 'shared.changed' || event.name === 'agreements.changed' || event.name === 'grants.changed';
}

export function Compliance() {
  const { client } = useKith();
  const navigate = useNavigate();
  const compliance = useQuery(() => client.call('vendor.compliance', {}), [], changesCompliance);
  const { reload } = compliance;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const data = compliance.data;
  const overdue = data?.owed.filter((d) => d.overdue).length ?? 0;

  return (
    <Screen
      title="Compliance"
      intro="The deletions your customers’ terms require. A term that says “delete after N days” schedules one when the first record arrives; your node deletes on the day and sends the customer a signed deletion receipt."
    >
      <ErrorNote error={compliance.error} />
      {data === undefined ? (
        compliance.error === undefined ? (
          <p className="status" role="status">
            Loading deletions…
          </p>
        ) : null
      ) : (
        <>
          <p className="status" role="status">
            {data.owed.length === 0 ? 'No deletion owed.' : `${count(data.owed.length, 'deletion')} owed${overdue === 0 ? '' : `, ${overdue} overdue`}.`}
          </p>
          <section className="panel" aria-labelledby="compliance-owed">
            <h2 id="compliance-owed">Owed</h2>
            {data.owed.length === 0 ? (
              <EmptyState title="Nothing to delete yet">
                <p>
                  When a customer shares under terms that say “delete after N days”, the deletion shows here with its due date, and moves to Answered once your node has carried it out. Your
                  Policy says whether your node signs such terms.
                </p>
                <div className="actions left">
                  <button type="button" onClick={() => navigate('policy')}>
                    See your Policy
                  </button>
                </div>
              </EmptyState>
            ) : (
              <OwedTable owed={data.owed} now={now} />
            )}
          </section>
          <section className="panel" aria-labelledby="compliance-answered">
            <h2 id="compliance-answered">Answered</h2>
            {data.answered.length === 0 ? (
              <EmptyState title="No deletion carried out yet">
                <p>Each deletion your node carries out shows here — on schedule, or when the customer took their data back first — with whether their node has the signed receipt.</p>
              </EmptyState>
            ) : (
              <AnsweredTable answered={data.answered} />
            )}
          </section>
        </>
      )}
    </Screen>
  );
}

function Who({ deletion }: { deletion: Pick<OwedDeletion, 'customer' | 'name'> }) {
  return (
    <>
      <strong>{customerName(deletion)}</strong>
      <br />
      <KeyText value={deletion.customer} label="DID" />
    </>
  );
}

function OwedTable({ owed, now }: { owed: readonly OwedDeletion[]; now: number }) {
  return (
    <div className="table-scroll">
      <table className="trail compliance">
        <caption className="visually-hidden">Deletions owed, soonest due first</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">What</th>
            <th scope="col">Deadline</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {owed.map((d) => (
            <tr key={`${d.customer} ${d.grant}`} className={d.overdue ? 'overdue' : undefined}>
              <td>
                <Who deletion={d} />
              </td>
              <td className="details">{deletionWhat(d)}</td>
              <td className="details">{retentionWords(d)}</td>
              <td>
                {formatTime(d.due)}
                <br />
                {d.overdue ? (
                  <strong className="danger-text">Overdue: {dueDistance(d, now)}. Your node deletes it at its next sweep.</strong>
                ) : (
                  <span className="muted-text">{dueDistance(d, now)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AnsweredTable({ answered }: { answered: readonly AnsweredDeletion[] }) {
  return (
    <div className="table-scroll">
      <table className="trail compliance">
        <caption className="visually-hidden">Deletions carried out</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">What</th>
            <th scope="col">Deleted</th>
            <th scope="col">Deletion receipt</th>
          </tr>
        </thead>
        <tbody>
          {answered.map((d) => {
            const receipt = receiptWhere(d);
            return (
              <tr key={`${d.customer} ${d.grant}`}>
                <td>
                  <Who deletion={d} />
                </td>
                <td className="details">
                  {deletionWhat(d)}
                  <br />
                  <span className="muted-text">
                    {retentionWords(d)}, due {formatTime(d.due)}
                  </span>
                </td>
                <td>
                  {answeredHow(d)}
                  <br />
                  <span className="muted-text">{formatTime(d.done)}</span>
                </td>
                <td className={receipt.done ? 'ok-text' : undefined}>
                  {receipt.text}
                  {d.delivered === undefined || d.by === 'revocation' ? null : <span className="muted-text"> · {formatTime(d.delivered)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
