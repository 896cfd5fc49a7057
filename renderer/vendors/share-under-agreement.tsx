// Share records with a vendor under an agreement in force: its purpose and terms are the
// ones both signed, so only the records are chosen here. The vendor gets them at once and
// every new version, until the grant is revoked or the agreement ends.
import { useState, type FormEvent } from 'react';
import type { AgreementView } from '../../src/api/methods/agreements.ts';
import { Checklist } from '../components/checklist.tsx';
import { EmptyDialogBody } from '../components/empty-state.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { toggled } from '../lib/sets.ts';
import { TermList } from '../sharing/grant-item.tsx';
import { recordSummary, typeLabel } from '../sharing/record-summary.ts';
import { useKith } from '../state/kith-context.tsx';
import { useQuery } from '../state/use-query.ts';

export function ShareUnderAgreement({ agreement, onClose }: { agreement: AgreementView; onClose: () => void }) {
  const { client } = useKith();
  const records = useQuery(
    () => client.call('data.list', {}),
    [],
    (event) => event.name === 'records.changed',
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string>();
  const submission = useSubmission();
  const name = agreement.with.petname;
  const list = records.data ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    if (chosen.size === 0) {
      setProblem('Tick at least one record to share.');
      document.getElementById('agreement-records')?.focus();
      return;
    }
    setProblem(undefined);
    await submission.run(async () => {
      // The agreement's id as the purpose: the grant takes its purpose and terms.
      await client.call('grants.create', { to: agreement.with.peerId, records: list.filter((r) => chosen.has(r.id)).map((r) => r.id), purpose: agreement.id });
      onClose();
    });
  }

  return (
    <Modal title={`Share with ${name}`} onClose={onClose}>
      <ErrorNote error={records.error} />
      {records.data !== undefined && list.length === 0 ? (
        <EmptyDialogBody title="Nothing to share yet" onClose={onClose}>
          <p>Add a record under My data first, such as your postal address, or a file under Documents, then come back.</p>
        </EmptyDialogBody>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="share-form">
          <dl className="facts">
            <dt>Purpose</dt>
            <dd>{agreement.purpose}</dd>
            <dt>Terms</dt>
            <dd>{agreement.terms.length === 0 ? 'None beyond the purpose' : <TermList terms={agreement.terms} />}</dd>
          </dl>
          <Checklist
            id="agreement-records"
            legend="Which records"
            autoFocus
            items={list.map((record) => ({ key: record.id, label: `${typeLabel(record.type)}: ${recordSummary(record.type, record.data)}` }))}
            isChecked={(id) => chosen.has(id)}
            onToggle={(id, on) => {
              setChosen((all) => toggled(all, id, on));
              setProblem(undefined);
            }}
            error={problem}
          />
          <FormActions submission={submission} submitLabel="Share" busyLabel="Sharing…" onCancel={onClose} />
        </form>
      )}
    </Modal>
  );
}
