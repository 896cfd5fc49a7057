// The facts of a request that both its sides see: the fields asked for (if only some), the
// purpose, how long they keep it, when it was asked; each side adds its own rows after.
import type { ReactNode } from 'react';
import type { RequestView } from '../../src/api/methods/requests.ts';
import { formatTime } from '../lib/format.ts';
import { fieldsText } from './request-words.ts';

export interface RequestFactsProps {
  readonly request: RequestView;
  /** The "Keeping it" row, or none. */
  readonly keeping: string | undefined;
  readonly children?: ReactNode;
}

export function RequestFacts({ request, keeping, children }: RequestFactsProps) {
  return (
    <dl className="facts">
      {request.fields === undefined ? null : (
        <>
          <dt>Only</dt>
          <dd>{fieldsText(request.types, request.fields)}</dd>
        </>
      )}
      <dt>Purpose</dt>
      <dd>{request.purpose}</dd>
      {keeping === undefined ? null : (
        <>
          <dt>Keeping it</dt>
          <dd>{keeping}</dd>
        </>
      )}
      <dt>Asked</dt>
      <dd>{formatTime(request.created)}</dd>
      {children}
    </dl>
  );
}

/** " 12 Nov, 10:04" — when the request was answered, or nothing. */
export function answeredWhen(request: RequestView): string {
  return request.answered === undefined ? '' : ` ${formatTime(request.answered)}`;
}

/** A denial, with the reason given, as both sides see it. */
export function DeniedAnswer({ request }: { readonly request: RequestView }) {
  return (
    <>
      <span className="danger-text">Denied{answeredWhen(request)}</span>
      {request.reason === undefined || request.reason === '' ? null : <> — “{request.reason}”</>}
    </>
  );
}
