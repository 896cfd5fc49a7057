// Approve a request, all of it or a part: tick which of my records of the types asked for
// to release, and which of their fields. Approving makes an ordinary grant to the
// requester, for their stated purpose, with their retention as a delete-after term and my
// own terms on top (my default terms from Settings, preselected).
import { useState, type FormEvent } from 'react';
import type { RecordView } from '../../src/api/contract.ts';
import type { RequestView } from '../../src/api/methods/requests.ts';
import { Checklist } from '../components/checklist.tsx';
import { EmptyDialogBody } from '../components/empty-state.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { toggled } from '../lib/sets.ts';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { termsFrom, type TermProblems } from '../sharing/share-terms.ts';
import { TermsFieldset } from '../sharing/terms-fieldset.tsx';
import { usePreselectedTerms } from '../sharing/use-default-terms.ts';
import { useKith } from '../state/kith-context.tsx';
import { fieldOptions, retentionText, typesText } from './request-words.ts';

export interface ApproveRequestProps {
  readonly request: RequestView;
  /** My current records, for their summaries (the request names only ids and types). */
  readonly records: readonly RecordView[] | undefined;
  readonly onClose: () => void;
}

export function ApproveRequest({ request, records, onClose }: ApproveRequestProps) {
  const { client } = useKith();
  const available = request.available ?? [];
  // Every field the request could release starts ticked, and is kept ticked (or not) while
  // records come and go; only the fields of the ticked records' types are offered.
  const allOptions = fieldOptions(request.types, request.fields);
  const [chosenRecords, setChosenRecords] = useState<ReadonlySet<string>>(() => new Set(available.map((r) => r.id)));
  const [chosenFields, setChosenFields] = useState<ReadonlySet<string>>(() => new Set(allOptions.map((o) => o.key)));
  const [problem, setProblem] = useState<string>();
  const [termChoices, setTermChoices] = usePreselectedTerms();
  const [termProblems, setTermProblems] = useState<TermProblems>({});
  const submission = useSubmission();
  const who = request.peer.petname;
  const tickedTypes = request.types.filter((type) => available.some((r) => r.type === type && chosenRecords.has(r.id)));
  const options = request.fields === undefined ? fieldOptions(tickedTypes) : allOptions;
  const allFields = options.every((o) => chosenFields.has(o.key));
  const someField = options.length === 0 || options.some((o) => chosenFields.has(o.key));
  const everything = chosenRecords.size === available.length && allFields;

  const summaryOf = (id: string, type: string) => {
    const record = records?.find((r) => r.id === id);
    return `${typeLabel(type)}: ${record === undefined ? id : recordSummary(record.type, record.data)}`;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    const found = chosenRecords.size === 0 ? 'Tick at least one record to share, or deny the request instead.' : !someField ? 'Tick at least one part to share.' : undefined;
    if (found !== undefined) {
      setProblem(found);
      document.getElementById(chosenRecords.size === 0 ? 'approve-records' : 'approve-fields')?.focus();
      return;
    }
    setProblem(undefined);
    const terms = termsFrom(termChoices);
    if ('problems' in terms) {
      setTermProblems(terms.problems);
      const first = (['deleteAfterDays', 'breachHours', 'clause'] as const).find((key) => terms.problems[key] !== undefined);
      if (first !== undefined) document.getElementById(`approve-${first}`)?.focus();
      return;
    }
    setTermProblems({});
    await submission.run(async () => {
      await client.call('inbox.approve', {
        id: request.id,
        // Leaving a list out means "all of it": the request's own records and fields.
        ...(chosenRecords.size === available.length ? {} : { records: available.filter((r) => chosenRecords.has(r.id)).map((r) => r.id) }),
        ...(allFields ? {} : { fields: options.filter((o) => chosenFields.has(o.key)).map((o) => o.key) }),
        terms: terms.terms,
        ...(terms.clauses.length === 0 ? {} : { clauses: terms.clauses }),
      });
      onClose();
    });
  }

  if (available.length === 0) {
    return (
      <Modal title={`${who} asks for ${typesText(request.types)}`} onClose={onClose}>
        <EmptyDialogBody title="You have nothing of that kind to share" onClose={onClose}>
          <p>
            You have no {typesText(request.types)} records. Add one under My data and come back, or deny the request so {who} knows.
          </p>
        </EmptyDialogBody>
      </Modal>
    );
  }

  return (
    <Modal title={`Share with ${who}?`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="share-form">
        <dl className="facts">
          <dt>Purpose</dt>
          <dd>{request.purpose}</dd>
          <dt>Keeping it</dt>
          <dd>{retentionText(request.retentionDays)}</dd>
        </dl>
        <Checklist
          id="approve-records"
          legend="Which records"
          autoFocus
          items={available.map((record) => ({ key: record.id, label: summaryOf(record.id, record.type) }))}
          isChecked={(id) => chosenRecords.has(id)}
          onToggle={(id, on) => {
            setChosenRecords((all) => toggled(all, id, on));
            setProblem(undefined);
          }}
        />
        {options.length === 0 ? null : (
          <Checklist
            id="approve-fields"
            legend={request.fields === undefined ? 'Which parts of them' : 'Which of the parts they asked for'}
            items={options}
            isChecked={(key) => chosenFields.has(key)}
            onToggle={(key, on) => {
              setChosenFields((all) => toggled(all, key, on));
              setProblem(undefined);
            }}
          />
        )}
        <TermsFieldset
          idPrefix="approve"
          legend={request.retentionDays === undefined ? 'Your terms' : 'Your terms, on top of theirs (the shorter deletion period holds)'}
          choices={termChoices}
          problems={termProblems}
          onChange={(choices, changed) => {
            setTermChoices(choices);
            if (changed !== undefined) setTermProblems((all) => ({ ...all, [changed]: undefined }));
          }}
        />
        {problem === undefined ? null : (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <p className="note">
          {who} gets {everything ? 'all of it' : 'only what is ticked'} now, and every new version until you revoke it under Shared by me.
        </p>
        <FormActions submission={submission} submitLabel={everything ? 'Share all of it' : 'Share the ticked part'} busyLabel="Sharing…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
