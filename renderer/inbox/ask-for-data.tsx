// Ask a contact for data, as `kith request` does: which kinds of record, optionally only
// some of their parts, what for (required) and how long I will keep it. Their node must be
// online to receive it; their answer arrives whenever they give it.
import { useState, type FormEvent } from 'react';
import type { ContactView } from '../../src/api/methods/people.ts';
import { Checklist } from '../components/checklist.tsx';
import { EmptyDialogBody } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { FormSummary } from '../components/form-summary.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { toggled } from '../lib/sets.ts';
import { EDITABLE_TYPES, type EditableType } from '../my-data/record-kinds.ts';
import { typeLabel } from '../sharing/record-summary.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';
import { fieldOptions } from './request-words.ts';

type Problems = Partial<Record<'contact' | 'types' | 'fields' | 'purpose' | 'retention', string>>;
const ORDER = ['contact', 'types', 'fields', 'purpose', 'retention'] as const;

export function AskForData({ onClose }: { onClose: () => void }) {
  const { client } = useKith();
  const contacts = useQuery(
    () => client.call('contacts.list', {}),
    [],
    (event) => event.name === 'contacts.changed',
  );
  const [contact, setContact] = useState('');
  const [types, setTypes] = useState<ReadonlySet<EditableType>>(new Set());
  // What is *left out*, so a part of a newly ticked type starts ticked.
  const [leftOut, setLeftOut] = useState<ReadonlySet<string>>(new Set());
  const [purpose, setPurpose] = useState('');
  const [retention, setRetention] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const submission = useSubmission();
  const people = (contacts.data ?? []).filter((c: ContactView) => !c.blocked);
  const chosenTypes = EDITABLE_TYPES.filter((type) => types.has(type));
  const options = fieldOptions(chosenTypes);
  const edited = (key: keyof Problems) => setProblems((all) => (all[key] === undefined ? all : { ...all, [key]: undefined }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    const found: Problems = {};
    if (contact === '') found.contact = 'Choose who to ask.';
    if (chosenTypes.length === 0) found.types = 'Tick at least one kind of record.';
    const kept = options.filter((o) => !leftOut.has(o.key)).map((o) => o.key);
    if (options.length > 0 && kept.length === 0) found.fields = 'Tick at least one part, or tick them all for whole records.';
    if (purpose.trim() === '') found.purpose = 'Say what it is for, such as "to send you the wedding invitation".';
    const days = retention.trim() === '' ? undefined : Number(retention.trim());
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) found.retention = 'Days must be a whole number from 1 to 3650, or leave it empty.';
    if (Object.keys(found).length > 0) {
      setProblems(found);
      const first = ORDER.find((key) => found[key] !== undefined);
      if (first !== undefined) document.getElementById(`ask-${first}`)?.focus();
      return;
    }
    setProblems({});
    await submission.run(async () => {
      await client.call('requests.ask', {
        contact,
        types: chosenTypes,
        ...(kept.length === options.length ? {} : { fields: kept }),
        purpose: purpose.trim(),
        ...(days === undefined ? {} : { retentionDays: days }),
      });
      onClose();
    });
  }

  if (contacts.data !== undefined && people.length === 0) {
    return (
      <Modal title="Ask for data" onClose={onClose}>
        <EmptyDialogBody title="Nobody to ask yet" onClose={onClose}>
          <p>Add someone under People &amp; circles first: invite them, or accept their invite. Then come back here.</p>
        </EmptyDialogBody>
      </Modal>
    );
  }

  return (
    <Modal title="Ask for data" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="share-form">
        <FormSummary problems={problems} />
        <ErrorNote error={contacts.error} />
        <div className="field">
          <label htmlFor="ask-contact">Ask</label>
          <select
            id="ask-contact"
            className={problems.contact === undefined ? 'control' : 'control invalid'}
            value={contact}
            autoFocus
            aria-invalid={problems.contact === undefined ? undefined : true}
            aria-describedby={problems.contact === undefined ? undefined : 'ask-contact-error'}
            onChange={(e) => {
              setContact(e.target.value);
              edited('contact');
            }}
          >
            <option value="">Choose a contact…</option>
            {people.map((c) => (
              <option key={c.peerId} value={c.peerId}>
                {c.petname}
                {c.kind === 'vendor' ? ' (vendor)' : ''}
              </option>
            ))}
          </select>
          {problems.contact === undefined ? null : (
            <p className="field-error" id="ask-contact-error">
              {problems.contact}
            </p>
          )}
        </div>
        <Checklist
          id="ask-types"
          legend="For which kinds of record"
          items={EDITABLE_TYPES.map((type) => ({ key: type, label: typeLabel(type) }))}
          isChecked={(type) => types.has(type)}
          onToggle={(type, on) => {
            setTypes((all) => toggled(all, type, on));
            edited('types');
          }}
          error={problems.types}
        />
        {options.length === 0 ? null : (
          <Checklist
            id="ask-fields"
            legend="Which parts of them"
            hint="Untick what you do not need: asking for less makes a yes more likely."
            items={options}
            isChecked={(key) => !leftOut.has(key)}
            onToggle={(key, on) => {
              setLeftOut((all) => toggled(all, key, !on));
              edited('fields');
            }}
            error={problems.fields}
          />
        )}
        <Field
          id="ask-purpose"
          label="Purpose"
          required
          maxLength={500}
          hint="What you will use it for. They see it, and it becomes the purpose of what they share."
          value={purpose}
          onValue={(value) => {
            setPurpose(value);
            edited('purpose');
          }}
          error={problems.purpose}
        />
        <Field
          id="ask-retention"
          label="Keep it for (days)"
          inputMode="numeric"
          hint="How long you will keep it. If they agree, you promise to delete it after that many days."
          value={retention}
          onValue={(value) => {
            setRetention(value);
            edited('retention');
          }}
          error={problems.retention}
        />
        <FormActions submission={submission} submitLabel="Send request" busyLabel="Sending…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
