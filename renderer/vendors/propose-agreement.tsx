// Proffer my terms to a vendor, as `kith agree` does: a purpose and the clauses I want. Its
// node countersigns them by its policy — then both keep the agreement — or refuses,
// naming each clause outside its policy; the refusal is shown as it came, and the form
// stays so the terms can be changed and proposed again.
import { useState, type FormEvent } from 'react';
import type { AgreementView, VendorProfileView } from '../../src/api/methods/agreements.ts';
import type { ContactView } from '../../src/api/methods/people.ts';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { FormSummary } from '../components/form-summary.tsx';
import { TermList } from '../sharing/grant-item.tsx';
import { termsFrom, type TermProblems } from '../sharing/share-terms.ts';
import { TermsFieldset } from '../sharing/terms-fieldset.tsx';
import { usePreselectedTerms } from '../sharing/use-default-terms.ts';
import { useKith } from '../state/kith-context.tsx';
import { policyLines } from './policy-words.ts';

type Problems = TermProblems & { purpose?: string };
const ORDER = ['purpose', 'deleteAfterDays', 'breachHours', 'clause'] as const;

export interface ProposeAgreementProps {
  readonly vendor: ContactView;
  /** Its profile, if it could be had: what it signs by itself, as a guide. */
  readonly profile: VendorProfileView | undefined;
  readonly onClose: () => void;
}

export function ProposeAgreement({ vendor, profile, onClose }: ProposeAgreementProps) {
  const { client } = useKith();
  const [purpose, setPurpose] = useState('');
  // The owner's default terms (Settings), preselected as when sharing.
  const [choices, setChoices] = usePreselectedTerms();
  const [problems, setProblems] = useState<Problems>({});
  const [refused, setRefused] = useState<readonly { id: string; text: string }[]>();
  const [made, setMade] = useState<AgreementView>();
  // Not useSubmission: a refusal ends the attempt without an error, and the form stays.
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const name = vendor.petname;
  const edited = (key: keyof Problems) => setProblems((all) => (all[key] === undefined ? all : { ...all, [key]: undefined }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (purpose.trim() === '') found.purpose = 'Say what it is for, such as "delivery of my orders".';
    const terms = termsFrom(choices);
    if ('problems' in terms) Object.assign(found, terms.problems);
    if (Object.keys(found).length > 0 || 'problems' in terms) {
      setProblems(found);
      const first = ORDER.find((key) => found[key] !== undefined);
      if (first !== undefined) document.getElementById(`propose-${first}`)?.focus();
      return;
    }
    setProblems({});
    setRefused(undefined);
    setError(undefined);
    setBusy(true);
    try {
      const outcome = await client.call('agreements.propose', {
        vendor: vendor.peerId,
        purpose: purpose.trim(),
        ...(terms.terms === '' ? {} : { terms: terms.terms }),
        ...(terms.clauses.length === 0 ? {} : { clauses: terms.clauses }),
      });
      // A refusal is an answer, not a failure: the form stays, to propose other terms.
      if (outcome.accepted) setMade(outcome.agreement);
      else setRefused(outcome.refused);
    } catch (caught) {
      setError(caught);
    }
    setBusy(false);
  }

  if (made !== undefined) {
    return (
      <Modal title={`Agreed with ${name}`} onClose={onClose}>
        <p role="status">
          <strong>{name}</strong> countersigned your terms for “{made.purpose}”. The agreement carries both signatures, and you both keep it.
        </p>
        <TermList terms={made.terms} />
        <div className="actions">
          <button type="button" className="primary" autoFocus onClick={onClose}>
            Done
          </button>
        </div>
      </Modal>
    );
  }

  const policy = profile === undefined ? [] : policyLines(profile.policy);
  return (
    <Modal title={`Propose an agreement to ${name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="share-form">
        <FormSummary problems={problems} />
        {refused === undefined ? null : (
          <div className="refusal" role="alert">
            <p className="error-message">{name} refused these terms under its policy:</p>
            <ul className="terms">
              {refused.map((clause) => (
                <li key={`${clause.id}-${clause.text}`}>{clause.text}</li>
              ))}
            </ul>
            <p className="error-hint">Untick or change them and propose again. Nothing was agreed, and nothing of yours was shared.</p>
          </div>
        )}
        <Field
          id="propose-purpose"
          label="Purpose"
          required
          autoFocus
          maxLength={500}
          hint={`What ${name} may use your data for. Both of you sign it.`}
          value={purpose}
          onValue={(value) => {
            setPurpose(value);
            edited('purpose');
          }}
          error={problems.purpose}
        />
        {policy.length === 0 ? null : (
          <div className="note">
            <p>{name} signs these by itself:</p>
            <TermList terms={policy} />
          </div>
        )}
        <TermsFieldset
          idPrefix="propose"
          legend="Your terms"
          choices={choices}
          problems={problems}
          onChange={(next, changed) => {
            setChoices(next);
            if (changed !== undefined) edited(changed);
          }}
        />
        <FormActions submission={{ busy, error }} submitLabel="Propose" busyLabel={`Asking ${name}…`} onCancel={onClose} />
      </form>
    </Modal>
  );
}
