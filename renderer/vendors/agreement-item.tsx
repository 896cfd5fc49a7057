// One agreement: its purpose and terms, who signed it, whether it is in force — and, on
// the customer's side while it is, sharing under it and ending it.
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import { formatTime } from '../lib/format.ts';
import { TermList } from '../sharing/grant-item.tsx';

export interface AgreementItemProps {
  readonly agreement: AgreementView;
  readonly onShare?: () => void;
  readonly onEnd?: () => void;
  /** Customer side: take (true) or decline e-receipts from the vendor under it. */
  readonly onReceipts?: (accept: boolean) => void;
}

/** "Signed by you and Livraria" when both proofs are there; the agreement's own words otherwise. */
function signedBy(agreement: AgreementView): string {
  const other = agreement.with.petname;
  const both = agreement.signers.includes(agreement.with.did) && agreement.signers.length >= 2;
  if (both) return `Signed by you and ${other}`;
  return agreement.signers.length === 1 ? 'Signed by one side only' : `Signed by ${agreement.signers.length} parties`;
}

function state(agreement: AgreementView): string {
  if (agreement.status === 'active') return 'In force';
  const when = agreement.ended === undefined ? '' : ` ${formatTime(agreement.ended)}`;
  if (agreement.role === 'vendor') return `Ended by the customer${when}`;
  return agreement.vendorTold === false ? `Ended${when}; ${agreement.with.petname} is told as soon as it is online` : `Ended${when}; ${agreement.with.petname} was told`;
}

export function AgreementItem({ agreement, onShare, onEnd, onReceipts }: AgreementItemProps) {
  const active = agreement.status === 'active';
  const other = agreement.with.petname;
  return (
    <li className={active ? 'agreement' : 'agreement ended'}>
      <div className="category-head">
        <h4>
          {agreement.role === 'vendor' ? (
            <>
              {other} <span className="quiet-text">for</span>{' '}
            </>
          ) : null}
          {agreement.purpose}
        </h4>
        {active && agreement.role === 'customer' ? (
          <div className="record-actions">
            <button type="button" onClick={onShare} aria-label={`Share data with ${other} under “${agreement.purpose}”`}>
              Share data under it…
            </button>
            <button type="button" className="danger-quiet" onClick={onEnd} aria-label={`End the agreement with ${other} for “${agreement.purpose}”`}>
              End…
            </button>
          </div>
        ) : null}
      </div>
      <dl className="facts">
        <dt>State</dt>
        <dd className={active ? 'ok-text' : 'muted-text'}>{state(agreement)}</dd>
        <dt>Signatures</dt>
        <dd>{signedBy(agreement)}</dd>
        <dt>Terms</dt>
        <dd>{agreement.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={agreement.terms} />}</dd>
        <dt>Made</dt>
        <dd>{formatTime(agreement.created)}</dd>
        {active && agreement.role === 'customer' && agreement.receipts !== undefined ? (
          <>
            <dt>E-receipts</dt>
            <dd>
              <label>
                <input type="checkbox" checked={agreement.receipts} disabled={onReceipts === undefined} onChange={(event) => onReceipts?.(event.target.checked)} /> Take the receipts {other} sends
                after a purchase (they go into your purchases)
              </label>
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
