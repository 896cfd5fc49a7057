// Share one record (a document too: whole) with a contact or a circle: for a purpose
// (required), under your terms, optionally only some of its fields and only until a date.
// With a vendor, under one of your agreements with it instead of a purpose and terms
// (agreement-choice.tsx). The holders get it at once and every later version of it, until
// you revoke.
import { useState, type FormEvent } from 'react';
import type { RecordView } from '../../src/api/contract.ts';
import { Checklist } from '../components/checklist.tsx';
import { EmptyDialogBody } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { FormSummary } from '../components/form-summary.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { toggled } from '../lib/sets.ts';
import type { RecordKind } from '../my-data/record-kinds.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { AgreementChoice } from './agreement-choice.tsx';
import { termsFrom, type TermProblems } from './share-terms.ts';
import { TermsFieldset } from './terms-fieldset.tsx';
import { usePreselectedTerms } from './use-default-terms.ts';
import { activeAgreementsWith, circleVendors } from './vendor-agreements.ts';

type Problems = TermProblems & {
  to?: string;
  agreement?: string;
  purpose?: string;
  fields?: string;
  expires?: string;
};

export function ShareDialog({ record, kind, onClose }: { record: RecordView; kind: RecordKind; onClose: () => void }) {
  const { client } = useKith();
  const contacts = useQuery(
    () => client.call('contacts.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const circles = useQuery(
    () => client.call('circles.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const agreements = useQuery(
    () => client.call('agreements.list', {}),
    [],
    (event) => event.name === 'agreements.changed' || event.name === 'contacts.changed',
  );
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState('');
  const [agreementId, setAgreementId] = useState('');
  // The owner's default terms (Settings), preselected.
  const [termChoices, setTermChoices, termsLoaded] = usePreselectedTerms();
  const recordFields = kind.fields.filter((field) => field.key !== '' && (record.data as Record<string, unknown>)[field.key] !== undefined);
  const [chosenFields, setChosenFields] = useState<ReadonlySet<string>>(new Set(recordFields.map((field) => field.key)));
  const [expires, setExpires] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const submission = useSubmission();
  const summary = kind.summary(record.data as Record<string, unknown>);
  const people = (contacts.data ?? []).filter((contact) => !contact.blocked);
  const groups = circles.data ?? [];
  // A vendor gets data only under an agreement: its purpose and terms, not ones typed here.
  const vendor = people.find((contact) => contact.peerId === to && contact.kind === 'vendor');
  const vendorAgreements = vendor === undefined || agreements.data === undefined ? undefined : activeAgreementsWith(agreements.data, vendor.peerId);
  // The only one is preselected.
  const agreement = vendorAgreements?.length === 1 ? vendorAgreements[0] : vendorAgreements?.find((candidate) => candidate.id === agreementId);
  // A circle with a vendor in it is refused by the core (trust/agreement-gate.ts): say so as
  // soon as it is chosen, not after Share.
  const vendorsInCircle = circleVendors(groups.find((circle) => circle.id === to), people);
  const circleProblem =
    vendorsInCircle.length === 0
      ? undefined
      : `${groups.find((circle) => circle.id === to)?.name ?? 'This circle'} includes ${vendorsInCircle.join(', ')}, ${vendorsInCircle.length === 1 ? 'a vendor' : 'vendors'}: a vendor gets data only under its own agreement. Share with ${vendorsInCircle.length === 1 ? 'it' : 'each'} on its own, or take ${vendorsInCircle.length === 1 ? 'it' : 'them'} out of the circle first.`;
  const toProblem = problems.to ?? circleProblem;

  /** Editing a field clears what was said about it. */
  const edited = (key: keyof Problems) => setProblems((all) => (all[key] === undefined ? all : { ...all, [key]: undefined }));

  /** Another recipient: what was said about the recipient, agreement, purpose or terms may no longer hold. */
  function chooseRecipient(value: string) {
    setTo(value);
    setAgreementId('');
    setProblems(({ fields, expires }) => ({ fields, expires }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    const found: Problems = {};
    if (to === '') found.to = 'Choose who to share it with.';
    if (circleProblem !== undefined) found.to = circleProblem;
    if (vendor !== undefined) {
      // Still reading the agreements: nothing to say yet.
      if (vendorAgreements === undefined && agreements.error === undefined) return;
      if (vendorAgreements === undefined) found.agreement = `Your agreements with ${vendor.petname} could not be read: try again.`;
      else if (vendorAgreements.length === 0) found.to = `Sharing with ${vendor.petname} needs an agreement: choose someone else, or make one first.`;
      else if (agreement === undefined) found.agreement = 'Choose the agreement to share it under.';
    } else if (purpose.trim() === '') found.purpose = 'Say what it is for, such as "so you can send me a birthday card".';
    if (recordFields.length > 0 && chosenFields.size === 0) found.fields = 'Choose at least one field to share.';
    if (expires !== '' && new Date(`${expires}T23:59:59`).getTime() <= Date.now()) found.expires = 'Choose a date after today, or leave it empty.';
    if (vendor === undefined && !termsLoaded) return;
    // A vendor's grant takes its agreement's terms: the form's are neither shown nor sent.
    const terms = vendor === undefined ? termsFrom(termChoices) : undefined;
    if (terms !== undefined && 'problems' in terms) Object.assign(found, terms.problems);
    if (Object.keys(found).length > 0) {
      setProblems(found);
      const order = ['to', 'agreement', 'purpose', 'deleteAfterDays', 'breachHours', 'clause', 'fields', 'expires'] as const;
      const first = order.find((key) => found[key] !== undefined);
      if (first !== undefined) document.getElementById(`share-${first}`)?.focus();
      return;
    }
    if (terms !== undefined && 'problems' in terms) return;
    setProblems({});
    const allFields = chosenFields.size === recordFields.length;
    await submission.run(async () => {
      await client.call('grants.create', {
        to,
        records: [record.id],
        // Under an agreement, its id: the grant takes the agreement's purpose and terms.
        purpose: agreement === undefined ? purpose.trim() : agreement.id,
        ...(terms === undefined || terms.terms === '' ? {} : { terms: terms.terms }),
        ...(terms === undefined || terms.clauses.length === 0 ? {} : { clauses: terms.clauses }),
        ...(allFields || recordFields.length === 0 ? {} : { fields: [...chosenFields] }),
        ...(expires === '' ? {} : { expires: new Date(`${expires}T23:59:59`).toISOString() }),
      });
      onClose();
    });
  }

  const noOne = contacts.data !== undefined && circles.data !== undefined && people.length === 0 && groups.length === 0;
  return (
    <Modal title={`Share ${summary}`} onClose={onClose}>
      {noOne ? (
        <EmptyDialogBody title="Nobody to share with yet" onClose={onClose}>
          <p>Add someone under People &amp; circles first: invite them, or accept their invite. Then come back here.</p>
        </EmptyDialogBody>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="share-form">
          <FormSummary problems={problems} />
          <ErrorNote error={contacts.error ?? circles.error} />
          <div className="field">
            <label htmlFor="share-to">Share with</label>
            <select
              id="share-to"
              className={toProblem === undefined ? 'control' : 'control invalid'}
              value={to}
              autoFocus
              aria-invalid={toProblem === undefined ? undefined : true}
              aria-describedby={toProblem === undefined ? undefined : 'share-to-error'}
              onChange={(e) => chooseRecipient(e.target.value)}
            >
              <option value="">Choose a contact or circle…</option>
              {people.length === 0 ? null : (
                <optgroup label="Contacts">
                  {people.map((contact) => (
                    <option key={contact.peerId} value={contact.peerId}>
                      {contact.petname}
                    </option>
                  ))}
                </optgroup>
              )}
              {groups.length === 0 ? null : (
                <optgroup label="Circles">
                  {groups.map((circle) => (
                    <option key={circle.id} value={circle.id}>
                      {circle.name} ({circle.members.length === 1 ? '1 person' : `${circle.members.length} people`})
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
            {toProblem === undefined ? null : (
              <p className="field-error" id="share-to-error" role={problems.to === undefined ? 'status' : undefined}>
                {toProblem}
              </p>
            )}
          </div>
          {vendor !== undefined ? (
            <AgreementChoice
              vendor={vendor.petname}
              agreements={vendorAgreements}
              loadError={agreements.error}
              onRetry={agreements.reload}
              chosen={agreement}
              onChoose={(id) => {
                setAgreementId(id);
                edited('agreement');
              }}
              error={problems.agreement}
              onClose={onClose}
            />
          ) : (
            <>
              <Field
                id="share-purpose"
                label="Purpose"
                required
                maxLength={500}
                hint="What they may use it for. It is part of the signed grant they accept."
                value={purpose}
                onValue={(value) => {
                  setPurpose(value);
                  edited('purpose');
                }}
                error={problems.purpose}
              />
              {!termsLoaded ? (
                <p className="loading">Loading your default terms…</p>
              ) : (
                <TermsFieldset
                  idPrefix="share"
                  legend="Terms they agree to"
                  choices={termChoices}
                  problems={problems}
                  onChange={(choices, changed) => {
                    setTermChoices(choices);
                    if (changed !== undefined) edited(changed);
                  }}
                />
              )}
            </>
          )}
          {recordFields.length === 0 ? null : (
            <Checklist
              id="share-fields"
              legend="Which parts of it"
              items={recordFields}
              isChecked={(key) => chosenFields.has(key)}
              onToggle={(key, on) => {
                setChosenFields((all) => toggled(all, key, on));
                edited('fields');
              }}
              error={problems.fields}
            />
          )}
          <Field
            id="share-expires"
            label="Until"
            type="date"
            hint="After this day they stop getting updates. Leave empty to share until you revoke."
            value={expires}
            onValue={(value) => {
              setExpires(value);
              edited('expires');
            }}
            error={problems.expires}
          />
          <FormActions submission={submission} submitLabel="Share" busyLabel="Sharing…" onCancel={onClose} />
        </form>
      )}
    </Modal>
  );
}
