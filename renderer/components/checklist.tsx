// A fieldset of checkboxes: how a form asks "which of these?" (records to share, parts
// of a record, kinds of record to ask for). The first box carries `id`, so a form's
// problem summary and tests can reach it; the hint and the error are tied to the group.
import type { ReactNode } from 'react';

export interface ChecklistItem<K extends string = string> {
  readonly key: K;
  readonly label: ReactNode;
}

export function Checklist<K extends string>({
  id,
  legend,
  items,
  isChecked,
  onToggle,
  hint,
  error,
  autoFocus = false,
}: {
  id: string;
  legend: string;
  items: readonly ChecklistItem<K>[];
  isChecked: (key: K) => boolean;
  onToggle: (key: K, checked: boolean) => void;
  hint?: string;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const described = [hint === undefined ? undefined : `${id}-hint`, error === undefined ? undefined : `${id}-error`].filter((d) => d !== undefined);
  return (
    <fieldset className="checks" aria-describedby={described.length === 0 ? undefined : described.join(' ')}>
      <legend>{legend}</legend>
      {hint === undefined ? null : (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {items.map((item, index) => (
        <label key={item.key} className="check">
          <input
            type="checkbox"
            id={index === 0 ? id : undefined}
            autoFocus={autoFocus && index === 0}
            checked={isChecked(item.key)}
            onChange={(e) => onToggle(item.key, e.target.checked)}
          />
          {item.label}
        </label>
      ))}
      {error === undefined ? null : (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
