// A labelled form control with its hint and its error, wired for assistive technology:
// the label names it, aria-describedby reads the hint and the error, aria-invalid marks it.
import { useId, type InputHTMLAttributes, type Ref } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly hint?: string;
  readonly error?: string;
  readonly multiline?: boolean;
  readonly ref?: Ref<HTMLInputElement>;
}

export function Field({ label, value, onValue, hint, error, multiline, id, ref, ...input }: FieldProps) {
  const fallbackId = useId();
  const controlId = id ?? fallbackId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint === undefined ? '' : hintId, error === undefined ? '' : errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id: controlId,
    value,
    'aria-describedby': describedBy,
    'aria-invalid': error === undefined ? undefined : true,
    className: error === undefined ? 'control' : 'control invalid',
  };
  return (
    <div className="field">
      <label htmlFor={controlId}>
        {label}
        {input.required === true ? null : <span className="optional"> (optional)</span>}
      </label>
      {hint === undefined ? null : (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {multiline === true ? (
        <textarea {...common} rows={6} required={input.required} name={input.name} onChange={(e) => onValue(e.target.value)} />
      ) : (
        <input {...input} {...common} ref={ref} onChange={(e) => onValue(e.target.value)} />
      )}
      {error === undefined ? null : (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
