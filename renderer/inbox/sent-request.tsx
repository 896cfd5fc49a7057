// One request I sent: to whom, for what, and their answer — on approval, what arrived
// (matched by the grant it came under), with the way to Shared with me.
import type { RequestView } from '../../src/api/methods/requests.ts';
import type { SharedView } from '../../src/api/methods/sharing.ts';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { answeredWhen, DeniedAnswer, RequestFacts } from './request-facts.tsx';
import { retentionText, typesText } from './request-words.ts';

export interface SentRequestProps {
  readonly request: RequestView;
  /** What arrived under the grant that answered it. */
  readonly arrived: readonly SharedView[];
  readonly onSeeShared: () => void;
}

export function SentRequest({ request, arrived, onSeeShared }: SentRequestProps) {
  const who = request.peer.petname;
  return (
    <li className={`request request-${request.status}`}>
      <h3>
        {typesText(request.types)} <span className="quiet-text">from</span> {who}
      </h3>
      <RequestFacts request={request} keeping={request.retentionDays === undefined ? undefined : retentionText(request.retentionDays, false)}>
        <dt>Answer</dt>
        <dd>
          <Answer request={request} arrived={arrived} onSeeShared={onSeeShared} />
        </dd>
      </RequestFacts>
    </li>
  );
}

function Answer({ request, arrived, onSeeShared }: SentRequestProps) {
  if (request.status === 'pending') return <span className="muted-text">Waiting for {request.peer.petname} to answer</span>;
  if (request.status === 'denied') return <DeniedAnswer request={request} />;
  return (
    <>
      <span className="ok-text">Approved{answeredWhen(request)}</span>
      {arrived.length === 0 ? (
        <> — on its way to you.</>
      ) : (
        <>
          {' '}
          — you received{' '}
          {arrived
            .map((item) => `${typeLabel(item.record.type)}: ${item.record.data === null ? '(no longer held)' : recordSummary(item.record.type, item.record.data)}`)
            .join('; ')}
          .{' '}
          <button type="button" className="link" onClick={onSeeShared}>
            See it under Shared with me
          </button>
        </>
      )}
    </>
  );
}
