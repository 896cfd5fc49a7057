// Add or edit one record. The type's schema checks it before anything is sent; every
// problem shows under its field, and the first one gets the focus.
import { useState, type FormEvent } from 'react';
import type { RecordView } from '../../src/api/contract.ts';
import { Field } from '../components/field.tsx';
import { FormActions } from '../components/form-actions.tsx';
import { Modal } from '../components/modal.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { FormSummary } from '../components/form-summary.tsx';
import { useKith } from '../state/kith-context.tsx';
import { dataFrom, valuesFrom, type Problems, type Values } from './record-form-values.ts';
import { RECORD_KINDS, type EditableType, type FieldSpec } from './record-kinds.ts';

const INPUT_TYPES: Partial<Record<NonNullable<FieldSpec['kind']>, string>> = { email: 'email', tel: 'tel', date: 'date', number: 'text' };

export interface RecordFormProps {
  readonly type: EditableType;
  /** Absent: a new record. */
  readonly record?: RecordView;
  readonly onClose: () => void;
}

export function RecordForm({ type, record, onClose }: RecordFormProps) {
  const { client } = useKith();
  const kind = RECORD_KINDS[type];
  const [values, setValues] = useState<Values>(() => valuesFrom(type, record?.data));
  const [problems, setProblems] = useState<Problems>({});
  const submission = useSubmission();
  const fieldId = (key: string) => `record-${type}-${key || 'json'}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    submission.clearError();
    const built = dataFrom(type, values);
    if ('problems' in built) {
      setProblems(built.problems);
      const first = kind.fields.find((field) => built.problems[field.key] !== undefined);
      if (first !== undefined) document.getElementById(fieldId(first.key))?.focus();
      return;
    }
    setProblems({});
    await submission.run(async () => {
      if (record === undefined) await client.call('data.set', { type, data: built.data } as never);
      else await client.call('data.update', { id: record.id, data: built.data });
      onClose();
    });
  }

  return (
    <Modal title={record === undefined ? `Add ${kind.noun}` : `Edit ${kind.noun}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="record-form">
        <FormSummary problems={problems} />
        {kind.fields.map((field, index) => (
          <Field
            key={field.key}
            id={fieldId(field.key)}
            label={field.label}
            type={INPUT_TYPES[field.kind ?? 'text'] ?? 'text'}
            inputMode={field.kind === 'number' ? 'decimal' : undefined}
            multiline={field.kind === 'json'}
            autoComplete={field.autoComplete ?? 'off'}
            required={field.required === true}
            autoFocus={index === 0}
            hint={field.hint}
            error={problems[field.key]}
            value={values[field.key] ?? ''}
            onValue={(value) => setValues((all) => ({ ...all, [field.key]: value }))}
          />
        ))}
        <FormActions submission={submission} submitLabel={record === undefined ? 'Add' : 'Save changes'} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
