// One request for my data: who asks, for what, why, for how long, when — and, once
// answered, what I decided. A pending one offers Review and share… and Deny….
import type { RequestView } from '../../src/api/methods/requests.ts';
import { answeredWhen, DeniedAnswer, RequestFacts } from './request-facts.tsx';
import { retentionText, typesText } from './request-words.ts';

export interface IncomingRequestProps {
  readonly request: RequestView;
  /** A released record's one-line summary, from its id. */
  readonly describe: (id: string) => string;
  readonly onApprove?: () => void;
  readonly onDeny?: () => void;
}

export function IncomingRequest({ request, describe, onApprove, onDeny }: IncomingRequestProps) {
  const who = request.peer.petname;
  const what = typesText(request.types);
  return (
    <li className={`request request-${request.status}`}>
      <div className="category-head">
        <h3>
          {who} <span className="quiet-text">asks for</span> {what}
        </h3>
        {request.status === 'pending' ? (
          <div className="record-actions">
            <button type="button" className="primary" onClick={onApprove} aria-label={`Review and share: ${who} asks for ${what}`}>
              Review and share…
            </button>
            <button type="button" className="danger-quiet" onClick={onDeny} aria-label={`Deny: ${who} asks for ${what}`}>
              Deny…
            </button>
          </div>
        ) : null}
      </div>
      <RequestFacts request={request} keeping={retentionText(request.retentionDays, request.status === 'pending')}>
        {request.status === 'pending' ? null : (
          <>
            <dt>Answer</dt>
            <dd>
              <Answer request={request} describe={describe} />
            </dd>
          </>
        )}
      </RequestFacts>
    </li>
  );
}

function Answer({ request, describe }: { request: RequestView; describe: (id: string) => string }) {
  if (request.status === 'denied') return <DeniedAnswer request={request} />;
  const released = request.records ?? [];
  return (
    <>
      <span className="ok-text">Approved{answeredWhen(request)}</span>
      {released.length === 0 ? null : <> — shared {released.map(describe).join('; ')}. Revoke it under Shared by me.</>}
    </>
  );
}
