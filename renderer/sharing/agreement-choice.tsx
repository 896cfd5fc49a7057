// Sharing with a vendor: a grant to one is made under one of my agreements in force with it,
// and takes that agreement's purpose and the terms the vendor countersigned (the core,
// src/trust/agreement-gate.ts, ignores any others). So the Share dialog offers a choice of
// those agreements, and shows what the chosen one says, where it asks a person for a
// purpose and terms; with none, it says where to make one.
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { useNavigate } from '../shell/navigation.tsx';
import { TermList } from './grant-item.tsx';
import { agreementLabel } from './vendor-agreements.ts';

export interface AgreementChoiceProps {
  /** The vendor's petname. */
  readonly vendor: string;
  /** Its agreements in force (vendor-agreements.ts); undefined until they are read. */
  readonly agreements: readonly AgreementView[] | undefined;
  /** Why they could not be read, if they could not. */
  readonly loadError: unknown;
  readonly onRetry: () => void;
  readonly chosen: AgreementView | undefined;
  readonly onChoose: (id: string) => void;
  readonly error: string | undefined;
  /** Closes the dialog: before going to Vendors & agreements. */
  readonly onClose: () => void;
}

export function AgreementChoice({ vendor, agreements, loadError, onRetry, chosen, onChoose, error, onClose }: AgreementChoiceProps) {
  const navigate = useNavigate();
  if (agreements === undefined) {
    if (loadError === undefined) return <p className="loading">Reading your agreements with {vendor}…</p>;
    return (
      <div>
        <ErrorNote error={loadError} />
        <button type="button" id="share-agreement" onClick={onRetry}>
          Read my agreements again
        </button>
      </div>
    );
  }
  if (agreements.length === 0) {
    return (
      <div className="note">
        <p>
          You have no agreement with {vendor} yet: propose your terms under Vendors &amp; agreements first. A vendor gets your data only under terms it
          signed with you.
        </p>
        <button
          type="button"
          onClick={() => {
            onClose();
            navigate('vendors');
          }}
        >
          Go to Vendors &amp; agreements
        </button>
      </div>
    );
  }
  const hintId = 'share-agreement-hint';
  const errorId = 'share-agreement-error';
  return (
    <>
      <div className="field">
        <label htmlFor="share-agreement">Under which agreement</label>
        <p className="field-hint" id={hintId}>
          {vendor} gets it for the purpose and on the terms you both signed.
        </p>
        <select
          id="share-agreement"
          className={error === undefined ? 'control' : 'control invalid'}
          value={chosen?.id ?? ''}
          aria-invalid={error === undefined ? undefined : true}
          aria-describedby={error === undefined ? hintId : `${hintId} ${errorId}`}
          onChange={(e) => onChoose(e.target.value)}
        >
          {chosen === undefined ? <option value="">Choose an agreement…</option> : null}
          {agreements.map((agreement) => (
            <option key={agreement.id} value={agreement.id}>
              {agreementLabel(agreement, agreements)}
            </option>
          ))}
        </select>
        {error === undefined ? null : (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
      </div>
      {chosen === undefined ? null : (
        <dl className="facts">
          <dt>Purpose</dt>
          <dd>{chosen.purpose}</dd>
          <dt>Terms</dt>
          <dd>{chosen.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={chosen.terms} />}</dd>
        </dl>
      )}
    </>
  );
}
